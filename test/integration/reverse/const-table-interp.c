// Reverse mode of piecewise-linear interpolation in a const global table (index from floor/int conversion of the active input) and of a gradient w.r.t. a duplicated table.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

#define T 9
static const double TAB[T] = {0.0, 0.5, 1.8, 2.0, 1.1, -0.4, -1.0, 0.3, 2.5};

/* table on [0, T-1]; x between knots */
static double interp(const double *tab, double x) {
  int i = (int)floor(x);
  double t = x - i;
  return (1 - t) * tab[i] + t * tab[i + 1];
}
/* sum of interpolated values at several points, squared */
static double multi(const double *tab, double x) {
  double s = 0.0;
  for (int k = 0; k < 4; ++k)
    s += interp(tab, x + 1.3 * k);
  return s * s;
}
static double fx(double x) { return multi(TAB, x); }
static double X;
static double gt(const double *tab) { return multi(tab, X); }

int main(void) {
  /* the fractional parts of X + 1.3 k (k = 0..3) stay at least 0.05 from the knots */
  const double pts[] = {0.2, 0.45, 1.2, 1.45, 2.2, 2.45, 3.2};
  for (unsigned p = 0; p < sizeof pts / sizeof *pts; ++p) {
    X = pts[p];
    double dt[T] = {0};
    double d = __enzyme_autodiff((void *)interp, enzyme_const, TAB, X);
    int i = (int)floor(X);
    EXPECT_NEAR(d, TAB[i + 1] - TAB[i], 1e-14);
    double dm = __enzyme_autodiff((void *)multi, enzyme_const, TAB, X);
    EXPECT_NEAR(dm, adj_fd(fx, X), 1e-6);
    double tab[T];
    for (int k = 0; k < T; ++k)
      tab[k] = TAB[k];
    __enzyme_autodiff((void *)multi, enzyme_dup, tab, dt, enzyme_const, X);
    for (int k = 0; k < T; ++k)
      EXPECT_NEAR(dt[k], rev_fd_vec(gt, tab, T, k), 1e-6);
  }
  return adj_report();
}
