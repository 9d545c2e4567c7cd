// A choice between an element of a duplicated array and of a constant table (a select of
// pointers after optimization): the table reads zeros from a shadow of its own in forward mode,
// and reverse mode drops its adjoints into a separate sink, so the two modes never share it.
// RUN: %check-program %s
#include "adjoint_test.h"

static const double K1[4] = {0.5, 1.5, -2.0, 3.0};
static double f(const double *x, int n, double u) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (u > 0.02 * i ? x[(i + 1) % n] : K1[i / 2]) * x[i];
  return s;
}

int main(void) {
  double x[4] = {0.3, -0.7, 1.1, 0.4}, h = 1e-6;
  for (int round = 0; round < 2; ++round) { /* twice: the sink must not leak into forward mode */
    double gx[4] = {0};
    __enzyme_autodiff((void *)f, enzyme_dup, x, gx, enzyme_const, 4, enzyme_const, 0.03);
    for (int i = 0; i < 4; ++i) {
      double v[4] = {0}, xp[4], xm[4];
      v[i] = 1;
      for (int k = 0; k < 4; ++k)
        xp[k] = xm[k] = x[k];
      xp[i] += h;
      xm[i] -= h;
      double fd = (f(xp, 4, 0.03) - f(xm, 4, 0.03)) / (2 * h);
      EXPECT_NEAR(gx[i], fd, 1e-6);
      double t = __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_const, 4, enzyme_const, 0.03);
      EXPECT_NEAR(t, gx[i], 1e-12);
    }
  }
  return adj_report();
}
