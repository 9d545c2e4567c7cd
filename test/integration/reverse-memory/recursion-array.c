// Reverse mode through recursive functions over an array read through a duplicated pointer:
// a divide-and-conquer reduction (two recursive calls on the halves, combined nonlinearly),
// a recursion that writes an output array after its recursive call returns (suffix values,
// so not a loop), and a recursion with an active scalar carried down. Analytic values and
// finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 8
static double dc(const double *x, int lo, int hi) {
  if (hi - lo == 1)
    return sin(x[lo]);
  int mid = (lo + hi) / 2;
  double a = dc(x, lo, mid), b = dc(x, mid, hi);
  return a * b + a + b;
}
/* y[k] = x[k] * (1 + y[k+1]), y[n] = 0; returns y[0] */
static double suffix(const double *x, double *y, int n) {
  if (n == 0)
    return 0.0;
  double rest = suffix(x + 1, y + 1, n - 1);
  y[0] = x[0] * (1.0 + rest);
  return y[0];
}
/* sum_k x_k * a^k * k! / k!, carried down as a product */
static double carry(const double *x, int n, double a, double acc) {
  if (n == 0)
    return 0.0;
  return acc * x[0] + carry(x + 1, n - 1, a, acc * a);
}
static double dc_n(double *x) { return dc(x, 0, N); }
static double suffix_phi(double *x) {
  double y[N];
  double r = suffix(x, y, N);
  double s = r;
  for (int k = 0; k < N; ++k)
    s += (k + 1) * y[k];
  return s;
}

int main(void) {
  double x[N] = {0.2, -0.5, 0.7, 0.1, 0.4, -0.3, 0.6, -0.1}, dx[N] = {0};
  __enzyme_autodiff((void *)dc, enzyme_dup, x, dx, enzyme_const, 0, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(dc_n, x, N, i), 1e-6);

  /* return seeded with 1, y seeded with k+1 */
  double y[N], dy[N], gx[N] = {0};
  for (int k = 0; k < N; ++k)
    dy[k] = k + 1;
  __enzyme_autodiff((void *)suffix, enzyme_dup, x, gx, enzyme_dup, y, dy, enzyme_const, N);
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(gx[k], rm_fd(suffix_phi, x, N, k), 1e-6);
    EXPECT_NEAR(dy[k], 0.0, 0.0);
  }

  double cx[N] = {0}, a = 0.9;
  double da = __enzyme_autodiff((void *)carry, enzyme_dup, x, cx, enzyme_const, N, a, enzyme_const,
                                1.0);
  double want_a = 0;
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(cx[k], pow(a, k), 1e-14);
    if (k)
      want_a += x[k] * k * pow(a, k - 1);
  }
  EXPECT_NEAR(da, want_a, 1e-13);
  return adj_report();
}
