// Reverse mode through in-place prefix operations on the input array: an in-place prefix sum
// (x_i += x_{i-1}) followed by a nonlinear cost; the same prefix sum as a pure in-place
// transform whose result the caller seeds through the shadow (the shadow goes in holding the
// adjoint of the output and comes back holding J^T w for the input); and an in-place prefix
// product. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 7
static void prefix(double *x) {
  for (int i = 1; i < N; ++i)
    x[i] += x[i - 1];
}
/* sum_k w_k P_k^2, P = prefix sums */
static const double W[N] = {1.0, -0.5, 0.25, 2.0, 0.75, -1.0, 0.5};
static double cost(double *x) {
  prefix(x);
  double s = 0;
  for (int k = 0; k < N; ++k)
    s += W[k] * x[k] * x[k];
  return s;
}
static double prod_cost(double *x) {
  for (int i = 1; i < N; ++i)
    x[i] *= x[i - 1];
  double s = 0;
  for (int k = 0; k < N; ++k)
    s += x[k];
  return s;
}

int main(void) {
  const double x0[N] = {0.4, -0.2, 0.9, 1.1, -0.5, 0.3, 0.7};
  double P[N];
  for (int k = 0; k < N; ++k)
    P[k] = (k ? P[k - 1] : 0.0) + x0[k];

  double x[N], d[N] = {0};
  memcpy(x, x0, sizeof x);
  __enzyme_autodiff((void *)cost, x, d);
  for (int j = 0; j < N; ++j) {
    double want = 0;
    for (int k = j; k < N; ++k)
      want += 2 * W[k] * P[k];
    EXPECT_NEAR(d[j], want, 1e-14);
    EXPECT_NEAR(d[j], rm_fd(cost, x0, N, j), 1e-6);
    EXPECT_NEAR(x[j], P[j], 1e-15);
  }

  /* pure transform: dx in = W (adjoint of the output), out = L^T W: suffix sums of W */
  double dt[N];
  memcpy(x, x0, sizeof x);
  memcpy(dt, W, sizeof dt);
  __enzyme_autodiff((void *)prefix, x, dt);
  double suf = 0;
  for (int j = N - 1; j >= 0; --j) {
    suf += W[j];
    EXPECT_NEAR(dt[j], suf, 1e-15);
  }

  double dp[N] = {0};
  memcpy(x, x0, sizeof x);
  __enzyme_autodiff((void *)prod_cost, x, dp);
  /* Q_k = prod_{i<=k} x_i; d sum Q / d x_j = sum_{k>=j} Q_k / x_j */
  for (int j = 0; j < N; ++j) {
    double want = 0, q = 1;
    for (int k = 0; k < N; ++k) {
      q *= x0[k];
      if (k >= j)
        want += q / x0[j];
    }
    EXPECT_NEAR(dp[j], want, 1e-13);
    EXPECT_NEAR(dp[j], rm_fd(prod_cost, x0, N, j), 1e-6);
  }
  return adj_report();
}
