// Reverse mode through in-place updates of a duplicated input: x[i] = x[i]*x[i] then read,
// a chain x[i] = x[i] * x[i-1] that reads the already-updated neighbour, repeated in-place
// sin, and an in-place map used as an output (the caller seeds dx with the adjoint of the
// final x; on return dx is the adjoint of the initial x). Analytic and finite differences on
// fresh copies.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
/* x <- x^2, then sum of x_i * x_{i+1} over the updated values */
static double sq_then_pairs(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += x[i] * x[i + 1];
  return s;
}
/* after the loop x[i] = prod_{k<=i} x0[k]; returns their sum */
static double chain(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] = x[i] * x[i - 1];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i];
  return s;
}
static double sin3(double *x, int n) {
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < n; ++i)
      x[i] = sin(x[i]) + 0.1 * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * (i + 1);
  return s;
}
static void cube(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] * x[i] * x[i];
}
static double sq_then_pairs_n(double *x) { return sq_then_pairs(x, N); }
static double chain_n(double *x) { return chain(x, N); }
static double sin3_n(double *x) { return sin3(x, N); }

int main(void) {
  const double x0[N] = {0.7, -1.2, 0.4, 1.5, -0.6};
  double x[N], dx[N];

  memcpy(x, x0, sizeof x);
  memset(dx, 0, sizeof dx);
  __enzyme_autodiff((void *)sq_then_pairs, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(x[i], x0[i] * x0[i], 1e-15); /* the primal update happened */
    double nb = (i > 0 ? x0[i - 1] * x0[i - 1] : 0) + (i + 1 < N ? x0[i + 1] * x0[i + 1] : 0);
    EXPECT_NEAR(dx[i], 2 * x0[i] * nb, 1e-13);
    EXPECT_NEAR(dx[i], rm_fd(sq_then_pairs_n, x0, N, i), 1e-6);
  }

  memcpy(x, x0, sizeof x);
  memset(dx, 0, sizeof dx);
  __enzyme_autodiff((void *)chain, enzyme_dup, x, dx, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    double want = 0;
    for (int i = j; i < N; ++i) {
      double p = 1;
      for (int k = 0; k <= i; ++k)
        if (k != j)
          p *= x0[k];
      want += p;
    }
    EXPECT_NEAR(dx[j], want, 1e-13);
    EXPECT_NEAR(dx[j], rm_fd(chain_n, x0, N, j), 1e-6);
  }

  memcpy(x, x0, sizeof x);
  memset(dx, 0, sizeof dx);
  __enzyme_autodiff((void *)sin3, enzyme_dup, x, dx, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    double v = x0[j], d = 1;
    for (int k = 0; k < 3; ++k) {
      d *= cos(v) + 0.1;
      v = sin(v) + 0.1 * v;
    }
    EXPECT_NEAR(dx[j], (j + 1) * d, 1e-13);
    EXPECT_NEAR(dx[j], rm_fd(sin3_n, x0, N, j), 1e-6);
  }

  /* in place as an output: seed = adjoint of the final x */
  memcpy(x, x0, sizeof x);
  for (int i = 0; i < N; ++i)
    dx[i] = 1.0 + i;
  __enzyme_autodiff((void *)cube, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(x[i], x0[i] * x0[i] * x0[i], 1e-15);
    EXPECT_NEAR(dx[i], (1.0 + i) * 3 * x0[i] * x0[i], 1e-13);
  }
  return adj_report();
}
