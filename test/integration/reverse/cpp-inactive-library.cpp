// Code that carries no derivative needs no rule, in both modes: printing with
// std::cout (operator<< of doubles, characters and C strings, std::endl),
// and a user's function declared inactive in an __enzyme_inactivefn table
// (its contribution, 1e-3 x, is left out of the derivative: the expected
// values say so). (std::string built inside a differentiated function is
// not here: once inlined, its buffer's copies and pointers reach the
// activity and copy analyses, the type-analysis issue's.)
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <iostream>

static long calls;
__attribute__((noinline)) double jitter(double x) {
  ++calls;
  return 1e-3 * x;
}
/* `used`: check-program also compiles with plain clang for LTO, where an
 * unread table would be dropped before Adjoint runs. */
__attribute__((used)) void *__enzyme_inactivefn[] = {(void *)jitter};

static double model(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(x[i]) * x[i];
  std::cout << "s = " << s << std::endl;
  return s + jitter(s);
}

static double scalar(double x) {
  std::cout << "x = " << x << '\n';
  return x * std::exp(x) + jitter(x);
}

int main() {
  double x[3] = {0.4, -1.1, 2.0}, dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)model, enzyme_dup, x, dx, enzyme_const, 3);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(dx[i], std::cos(x[i]) * x[i] + std::sin(x[i]), 1e-12);
  double v[3] = {0, 1, 0};
  EXPECT_NEAR(__enzyme_fwddiff((void *)model, x, v, enzyme_const, 3),
              std::cos(x[1]) * x[1] + std::sin(x[1]), 1e-12);
  double t = __enzyme_fwddiff((void *)scalar, 0.3, 1.0);
  EXPECT_NEAR(t, (1 + 0.3) * std::exp(0.3), 1e-12);
  double g = __enzyme_autodiff((void *)scalar, 0.3);
  EXPECT_NEAR(g, (1 + 0.3) * std::exp(0.3), 1e-12);
  EXPECT_NEAR(calls > 0, 1, 0); /* jitter still runs */
  return adj_report();
}
