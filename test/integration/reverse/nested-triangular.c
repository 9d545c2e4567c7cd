// Reverse mode through nested loops whose inner bound depends on the outer index (triangular), with a nonlinearity per inner step and per row.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* sum_i log(1 + (sum_{j<=i} x_j x_{i-j})^2) */
static double tri(const double *x, int n) {
  double r = 0.0;
  for (int i = 0; i < n; ++i) {
    double c = 0.0;
    for (int j = 0; j <= i; ++j)
      c += x[j] * x[i - j];
    r += log(1.0 + c * c);
  }
  return r;
}
/* three levels deep: sum_i sum_j<i sum_k<j sin(x_i x_j + x_k) */
static double deep(const double *x, int n) {
  double r = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < i; ++j)
      for (int k = 0; k < j; ++k)
        r += sin(x[i] * x[j] + x[k]);
  return r;
}

#define N 9
static double g(const double *x) { return tri(x, N); }
static double h(const double *x) { return deep(x, N); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = 0.5 * sin(1.1 * i + 0.3);
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)tri, enzyme_dup, x, dx, N);
  for (int m = 0; m < N; ++m) {
    double want = 0.0;
    for (int i = m; i < N; ++i) {
      double c = 0.0;
      for (int j = 0; j <= i; ++j)
        c += x[j] * x[i - j];
      /* dc/dx_m = 2 x_{i-m} */
      want += 2 * c / (1 + c * c) * 2 * x[i - m];
    }
    EXPECT_NEAR(dx[m], want, 1e-12);
    EXPECT_NEAR(dx[m], rev_fd_vec(g, x, N, m), 1e-6);
  }
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)deep, enzyme_dup, x, dx, N);
  for (int m = 0; m < N; ++m)
    EXPECT_NEAR(dx[m], rev_fd_vec(h, x, N, m), 1e-6);
  return adj_report();
}
