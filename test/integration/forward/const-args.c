// Forward mode with enzyme_const on pointer and scalar arguments: they contribute no tangent.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 5

/* weighted least-squares residual: sum w_i (a*t_i + b - y_i)^2 */
static double residual(double a, double b, const double *t, const double *y, const double *w) {
  double s = 0.0;
  for (int i = 0; i < N; ++i) {
    double r = a * t[i] + b - y[i];
    s += w[i] * r * r;
  }
  return s;
}

int main(void) {
  double t[N] = {0.0, 0.5, 1.0, 1.5, 2.0};
  double y[N] = {0.1, 0.9, 2.2, 2.8, 4.1};
  double w[N] = {1.0, 1.0, 2.0, 1.0, 0.5};
  double a = 1.8, b = 0.2;
  /* d/da with b, t, y, w constant */
  double da = __enzyme_fwddiff((void *)residual, enzyme_dup, a, 1.0, enzyme_const, b, enzyme_const,
                               t, enzyme_const, y, enzyme_const, w);
  /* d/db with a constant */
  double db = __enzyme_fwddiff((void *)residual, enzyme_const, a, enzyme_dup, b, 1.0,
                               enzyme_const, t, enzyme_const, y, enzyme_const, w);
  /* active weights but constant parameters: derivative wrt w_2 */
  double dw[N] = {0, 0, 1, 0, 0};
  double dww = __enzyme_fwddiff((void *)residual, enzyme_const, a, enzyme_const, b, enzyme_const,
                                t, enzyme_const, y, enzyme_dup, w, dw);
  double ea = 0, eb = 0;
  for (int i = 0; i < N; ++i) {
    double r = a * t[i] + b - y[i];
    ea += 2 * w[i] * r * t[i];
    eb += 2 * w[i] * r;
  }
  double r2 = a * t[2] + b - y[2];
  EXPECT_NEAR(da, ea, 1e-12);
  EXPECT_NEAR(db, eb, 1e-12);
  EXPECT_NEAR(dww, r2 * r2, 1e-12);
  double h = 1e-6;
  EXPECT_NEAR(da, (residual(a + h, b, t, y, w) - residual(a - h, b, t, y, w)) / (2 * h), 1e-6);
  EXPECT_NEAR(db, (residual(a, b + h, t, y, w) - residual(a, b - h, t, y, w)) / (2 * h), 1e-6);
  return adj_report();
}
