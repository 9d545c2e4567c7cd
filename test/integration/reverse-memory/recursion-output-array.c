// Reverse mode through recursions that write into an output array whose shadow the caller
// seeds: a pre-order recursion that writes y[k] before recursing (a running value carried
// down as an argument), and a divide-and-conquer recursion that writes leaves, then after
// both recursive calls return updates the left half in place from the right half's first
// value (reads of outputs it wrote). Reverse mode gives J^T w in dx; checked against central
// differences of sum_k w_k y_k, and analytic values for the first.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 8
/* a_k = a_{k-1} x_k + 1 (a_{-1} = 0), y_k = a_k */
static void pre(const double *x, double *y, int k, int n, double a) {
  if (k == n)
    return;
  a = a * x[k] + 1.0;
  y[k] = a;
  pre(x, y, k + 1, n, a);
}
static void run_pre(const double *x, double *y) { pre(x, y, 0, N, 0.0); }

static void dc(const double *x, double *y, int lo, int hi) {
  if (hi - lo == 1) {
    y[lo] = x[lo] * x[lo];
    return;
  }
  int mid = (lo + hi) / 2;
  dc(x, y, lo, mid);
  dc(x, y, mid, hi);
  double r = y[mid];
  for (int i = lo; i < mid; ++i)
    y[i] = y[i] * cos(r) + 0.5 * r;
}
static void run_dc(const double *x, double *y) { dc(x, y, 0, N); }

int main(void) {
  double x[N] = {0.5, -0.8, 1.1, 0.3, -0.4, 0.9, 0.2, -1.3};
  double w[N] = {1.0, -0.5, 2.0, 0.25, 1.5, -1.0, 0.75, 0.5};
  double y[N], dy[N], dx[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)pre, x, dx, y, dy, enzyme_const, 0, enzyme_const, N, 0.0);
  /* a_k = sum_{j<=k} prod_{j<i<=k} x_i; d y_k / d x_j = a_{j-1} prod_{j<i<=k} x_i (j <= k) */
  double a[N];
  for (int k = 0; k < N; ++k)
    a[k] = (k ? a[k - 1] : 0.0) * x[k] + 1.0;
  for (int j = 0; j < N; ++j) {
    double want = 0, p = 1;
    for (int k = j; k < N; ++k) {
      if (k > j)
        p *= x[k];
      want += w[k] * (j ? a[j - 1] : 0.0) * p;
    }
    EXPECT_NEAR(dx[j], want, 1e-13);
    EXPECT_NEAR(dx[j], rm_fd_out(run_pre, x, N, N, w, j), 1e-6);
    EXPECT_NEAR(y[j], a[j], 1e-15);
    EXPECT_NEAR(dy[j], 0, 0);
  }

  double dx2[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)dc, x, dx2, y, dy, enzyme_const, 0, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    EXPECT_NEAR(dx2[j], rm_fd_out(run_dc, x, N, N, w, j), 1e-6);
    EXPECT_NEAR(dy[j], 0, 0);
  }
  return adj_report();
}
