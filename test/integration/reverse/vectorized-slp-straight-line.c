// Reverse mode of straight-line code the SLP vectorizer packs into <2 x double> with poison lanes (insertelement into poison, shufflevector with an undefined mask lane).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* At -O2 the SLP vectorizer computes (q0, p1) in one <2 x double> fmuladd and
   extracts q0 * p1 through a shuffle whose second lane is poison. */
static double slp(const double *x, const double *y) {
  double p0 = x[0] * y[0] + x[1] * y[1];
  double p1 = x[2] * y[2] + x[3] * y[3];
  double q0 = x[0] * x[0] + x[1] * x[1];
  double q1 = x[2] * x[2] + x[3] * x[3];
  return p0 * q1 + p1 * q0;
}
static double Y[4] = {0.5, -1.5, 2.0, 0.25};
static double hs(const double *x) { return slp(x, Y); }

/* pairs of independent lanes through a libm-free nonlinearity */
static double pairs(const double *x) {
  double a0 = x[0] * x[1] + x[2], a1 = x[1] * x[2] + x[3];
  double b0 = a0 * a0 + x[3], b1 = a1 * a1 + x[0];
  return b0 * b1 + a0 - a1;
}

int main(void) {
  double v[4] = {0.3, 0.7, -0.4, 1.1}, dv[4] = {0}, dy[4] = {0};
  __enzyme_autodiff((void *)slp, enzyme_dup, v, dv, enzyme_dup, Y, dy);
  double p0 = v[0] * Y[0] + v[1] * Y[1], p1 = v[2] * Y[2] + v[3] * Y[3];
  double q0 = v[0] * v[0] + v[1] * v[1], q1 = v[2] * v[2] + v[3] * v[3];
  for (int i = 0; i < 4; ++i) {
    double want = i < 2 ? Y[i] * q1 + p1 * 2 * v[i] : p0 * 2 * v[i] + Y[i] * q0;
    EXPECT_NEAR(dv[i], want, 1e-12);
    EXPECT_NEAR(dv[i], rev_fd_vec(hs, v, 4, i), 1e-6);
  }
  EXPECT_NEAR(dy[0], v[0] * q1, 1e-12);
  EXPECT_NEAR(dy[1], v[1] * q1, 1e-12);
  EXPECT_NEAR(dy[2], v[2] * q0, 1e-12);
  EXPECT_NEAR(dy[3], v[3] * q0, 1e-12);

  double w[4] = {0.2, -0.6, 0.9, 0.45}, dw[4] = {0};
  __enzyme_autodiff((void *)pairs, enzyme_dup, w, dw);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dw[i], rev_fd_vec(pairs, w, 4, i), 1e-6);
  return adj_report();
}
