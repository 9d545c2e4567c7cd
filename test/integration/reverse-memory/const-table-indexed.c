// Reverse mode through constant lookup tables (static const double) indexed by data: a
// piecewise-linear interpolation whose segment index is computed from the active input
// (floor), a per-segment cubic with coefficients from a 2D table, and weights picked from a
// table by an int index array argument. The tables get no adjoint; the input's gradient is
// the local slope. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

static const double Knots[9] = {0.0, 0.5, 0.25, 1.0, 2.0, 1.5, -1.0, 0.0, 3.0};
static const double Coef[4][4] = {
    {1.0, 0.5, -0.25, 0.1}, {0.0, 2.0, 1.0, -0.5}, {-1.0, 0.0, 3.0, 0.2}, {0.5, -1.5, 0.0, 1.0}};
static const double W[5] = {0.5, -1.0, 2.5, 0.75, -0.25};

/* linear interpolation on [0, 2] with 8 segments of width 0.25 */
static double interp(double x) {
  double u = x * 4.0;
  int i = (int)floor(u);
  if (i < 0)
    i = 0;
  if (i > 7)
    i = 7;
  double t = u - i;
  return Knots[i] * (1 - t) + Knots[i + 1] * t;
}
/* segment k = floor(x) of [0, 4): cubic in (x - k) with coefficients Coef[k] */
static double cubic(double x) {
  int k = (int)x;
  double t = x - k, s = 0;
  for (int j = 3; j >= 0; --j)
    s = s * t + Coef[k][j];
  return s;
}
static double picked(const double *x, const int *idx, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += W[idx[i]] * x[i] * x[i] + Coef[idx[i] % 4][i % 4] * x[i];
  return s;
}

int main(void) {
  for (double x = 0.07; x < 1.95; x += 0.3) { /* away from the knots */
    int i = (int)floor(4 * x);
    double d = __enzyme_autodiff((void *)interp, x);
    EXPECT_NEAR(d, 4.0 * (Knots[i + 1] - Knots[i]), 1e-12);
    EXPECT_NEAR(d, adj_fd(interp, x), 1e-6);
  }
  for (double x = 0.15; x < 3.9; x += 0.35) {
    int k = (int)x;
    double t = x - k;
    double want = Coef[k][1] + 2 * Coef[k][2] * t + 3 * Coef[k][3] * t * t;
    EXPECT_NEAR(__enzyme_autodiff((void *)cubic, x), want, 1e-12);
  }
  double x[6] = {0.3, -0.7, 1.2, 0.5, -1.4, 0.9}, dx[6] = {0};
  int idx[6] = {4, 0, 2, 2, 1, 3};
  __enzyme_autodiff((void *)picked, enzyme_dup, x, dx, enzyme_const, idx, enzyme_const, 6);
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(dx[i], 2 * W[idx[i]] * x[i] + Coef[idx[i] % 4][i % 4], 1e-14);
  return adj_report();
}
