// Reverse mode through one noinline helper called from two call sites of the same
// differentiated function with different activity: once with an active argument and once
// with a constant one (a global table; a constant scalar), so the helper needs a derivative
// for one site and none for the other, whose result still scales the active one. Also a
// helper taking (pointer, scalar) called with the active operand in either position.
// Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 4
static const double Table[N] = {0.5, -1.0, 1.5, 0.25};

__attribute__((noinline)) static double sumsq_w(const double *v, double w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += w * v[i] * v[i];
  return s;
}
/* active site: sumsq_w(x, 2); constant site: sumsq_w(Table, 3): 3 * sum T^2 */
static double two_sites(const double *x) {
  double a = sumsq_w(x, 2.0, N);
  double c = sumsq_w(Table, 3.0, N);
  return a * c + sin(a);
}
/* active pointer and constant scalar, then constant pointer and active scalar */
static double swap_sites(const double *x, double w) {
  double a = sumsq_w(x, 0.5, N);
  double b = sumsq_w(Table, w, N);
  return a * b;
}
static double swap_fd_w(double w) {
  static const double x[N] = {0.3, -0.2, 0.9, 1.4};
  return swap_sites(x, w);
}

int main(void) {
  double x[N] = {0.3, -0.2, 0.9, 1.4};
  double tt = 0, xx = 0;
  for (int i = 0; i < N; ++i) {
    tt += Table[i] * Table[i];
    xx += x[i] * x[i];
  }
  double d[N] = {0};
  __enzyme_autodiff((void *)two_sites, x, d);
  double a = 2 * xx, c = 3 * tt;
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d[i], (c + cos(a)) * 4 * x[i], 1e-13);
    EXPECT_NEAR(d[i], rev_fd_vec(two_sites, x, N, i), 1e-6);
  }

  double w = 1.7, ds[N] = {0};
  double dw = __enzyme_autodiff((void *)swap_sites, x, ds, enzyme_out, w);
  EXPECT_NEAR(dw, 0.5 * xx * tt, 1e-14);
  EXPECT_NEAR(dw, adj_fd(swap_fd_w, w), 1e-6);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(ds[i], x[i] * w * tt, 1e-14);
  return adj_report();
}
