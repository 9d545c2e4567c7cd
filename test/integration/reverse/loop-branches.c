// Reverse mode with if/else-if/else branches inside a loop choosing a different smooth formula per element (points away from the region boundaries).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double piecewise(const double *x, int n, double k) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double v = x[i], t;
    if (v < -1.0)
      t = k * v * v;
    else if (v < 0.5)
      t = sin(k * v);
    else if (i % 2 == 0)
      t = exp(0.5 * v) / k;
    else
      t = log(v) * k;
    s += t;
  }
  return s;
}
static double dpiece(double v, int i, double k, double *dk) {
  if (v < -1.0) {
    *dk = v * v;
    return 2 * k * v;
  }
  if (v < 0.5) {
    *dk = v * cos(k * v);
    return k * cos(k * v);
  }
  if (i % 2 == 0) {
    *dk = -exp(0.5 * v) / (k * k);
    return 0.5 * exp(0.5 * v) / k;
  }
  *dk = log(v);
  return k / v;
}

#define N 24
static double K = 1.3;
static double X[N];
static double g(const double *x) { return piecewise(x, N, K); }
static double gk(double k) { return piecewise(X, N, k); }

int main(void) {
  double dx[N];
  for (int i = 0; i < N; ++i) {
    X[i] = 2.5 * sin(0.77 * i + 0.1);
    /* keep clear of -1 and 0.5 */
    if (fabs(X[i] + 1.0) < 0.05 || fabs(X[i] - 0.5) < 0.05)
      X[i] += 0.1;
  }
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  double dk = __enzyme_autodiff((void *)piecewise, enzyme_dup, X, dx, N, K);
  double wk = 0.0;
  for (int i = 0; i < N; ++i) {
    double dki;
    double want = dpiece(X[i], i, K, &dki);
    wk += dki;
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, X, N, i), 1e-6);
  }
  EXPECT_NEAR(dk, wk, 1e-12);
  EXPECT_NEAR(dk, adj_fd(gk, K), 1e-6);
  return adj_report();
}
