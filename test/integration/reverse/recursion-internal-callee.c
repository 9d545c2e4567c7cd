// Reverse and forward mode through recursive `static` functions reached from a
// wrapper (issue 10, bug 1). At -O1 and above such functions get the fastcc
// calling convention; derivatives are new functions with C's, and a call
// that disagreed with its callee's convention was deleted by the optimizer as
// undefined behaviour (the gradient came out as the wrapper's partial alone,
// or the whole function became unreachable). Covered: recursion on n - 1,
// on n / 2 (exponentiation by squaring), mutual recursion, each behind a
// wrapper; checked against the analytic derivative and central differences.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

__attribute__((noinline)) static double rpow(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * rpow(x, n - 1);
}
static double pow5(double x) { return rpow(x, 5); }

__attribute__((noinline)) static double sqpow(double x, unsigned n) {
  if (n == 0)
    return 1.0;
  double h = sqpow(x, n / 2);
  return n % 2 ? h * h * x : h * h;
}
static double pow11(double x) { return sqpow(x, 11); }

static double zig(double x, int n);
__attribute__((noinline)) static double zag(double x, int n) {
  return n <= 0 ? sin(x) : x * zig(x, n - 1) + 0.25;
}
__attribute__((noinline)) static double zig(double x, int n) {
  return n <= 0 ? cos(x) : exp(0.1 * x) * zag(x, n - 1);
}
static double zigzag(double x) { return zig(x, 6) + 0.5 * zag(x, 3); }

int main(void) {
  for (double x = -1.3; x <= 1.4; x += 0.45) {
    EXPECT_NEAR(__enzyme_autodiff((void *)pow5, x), 5 * pow(x, 4), 1e-12);
    EXPECT_NEAR(__enzyme_fwddiff((void *)pow5, x, 1.0), 5 * pow(x, 4), 1e-12);
    EXPECT_NEAR(__enzyme_autodiff((void *)pow11, x), 11 * pow(x, 10), 1e-12);
    EXPECT_NEAR(__enzyme_fwddiff((void *)pow11, x, 1.0), 11 * pow(x, 10), 1e-12);
    EXPECT_NEAR(__enzyme_autodiff((void *)zigzag, x), adj_fd(zigzag, x), 1e-6);
    EXPECT_NEAR(__enzyme_fwddiff((void *)zigzag, x, 1.0), adj_fd(zigzag, x), 1e-6);
  }
  return adj_report();
}
