// std::vector grown by push_back inside the differentiated function, built every way (-O0 to -O3,
// valgrind, split, opt, LTO). Each growth moves the elements to a new buffer (a memmove, or at
// -O2/-O3 for the first growth an integer load and store of the one double, which reverse mode
// treats as a copy of the bytes; the buffer's type comes from its double accesses), allocates
// with an invoke whose normal destination is shared (split for the result's shadow), and frees
// the old buffer after the gradient. Cases: one push_back per iteration, and two per iteration
// into two vectors. (A vector of structs that mix doubles and ints is reported instead:
// diagnostics/reverse-vector-growth.cpp.) Analytic values and finite differences;
// valgrind checks that each buffer and its shadow are freed exactly once.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <vector>

#define N 6
static double pushes(double *x) {
  std::vector<double> v;
  for (int i = 0; i < N; ++i)
    v.push_back(exp(0.5 * x[i]));
  double s = 0;
  int k = 1;
  for (double e : v)
    s += e * (k++);
  return s;
}

static double two_vectors(double *x) {
  std::vector<double> a, b;
  for (int i = 0; i < N; ++i) {
    a.push_back(x[i] * x[i]);
    b.push_back(sin(x[i]));
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += a[i] * b[N - 1 - i];
  return s;
}

int main() {
  double x[N] = {0.3, -0.7, 1.1, 0.45, -1.2, 0.8};
  double d[N] = {0};
  __enzyme_autodiff((void *)pushes, x, d);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d[i], (i + 1) * 0.5 * exp(0.5 * x[i]), 1e-13);
    EXPECT_NEAR(d[i], rm_fd(pushes, x, N, i), 1e-6);
  }

  double d2[N] = {0};
  __enzyme_autodiff((void *)two_vectors, x, d2);
  for (int i = 0; i < N; ++i) {
    double j = N - 1 - i;
    EXPECT_NEAR(d2[i], 2 * x[i] * sin(x[(int)j]) + x[(int)j] * x[(int)j] * cos(x[i]), 1e-13);
    EXPECT_NEAR(d2[i], rm_fd(two_vectors, x, N, i), 1e-6);
  }

  return adj_report();
}
