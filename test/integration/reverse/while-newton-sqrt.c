// Reverse mode through a data-dependent while loop: Newton iterations for sqrt(a) and cbrt(a) to a fixed residual tolerance; d/da matches 1/(2 sqrt a) and FD.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static int Iters;
static double newton_sqrt(double a) {
  double x = a > 1.0 ? a : 1.0;
  int it = 0;
  while (fabs(x * x - a) > 1e-9 * a) {
    x = 0.5 * (x + a / x);
    ++it;
  }
  Iters = it;
  return x;
}
/* x <- x - (x^3 - a) / (3 x^2), then a smooth function of the root */
static double newton_cbrt_use(double a, double s) {
  double x = 1.0;
  while (fabs(x * x * x - a) > 1e-10)
    x = x - (x * x * x - a) / (3.0 * x * x);
  return s * x * x + sin(x);
}
static double S = 1.5;
static double cb(double a) { return newton_cbrt_use(a, S); }

int main(void) {
  /* points whose last residual before stopping is far from the tolerance,
     so that the trip count is the same at a +- h */
  const double pts[] = {0.3, 2.0, 5.0, 17.0, 123.0};
  for (unsigned k = 0; k < sizeof pts / sizeof *pts; ++k) {
    double a = pts[k];
    double d = __enzyme_autodiff((void *)newton_sqrt, a);
    EXPECT_NEAR(d, 0.5 / sqrt(a), 1e-8);
    EXPECT_NEAR(d, adj_fd(newton_sqrt, a), 1e-6);
    EXPECT_NEAR(Iters >= 2, 1.0, 0.0); /* the loop really ran several times */
  }
  typedef struct {
    double da, ds;
  } D2;
  D2 __enzyme_autodiff2(void *, ...);
  const double cpts[] = {0.5, 3.0, 8.5, 40.0};
  for (unsigned k = 0; k < sizeof cpts / sizeof *cpts; ++k) {
    double a = cpts[k];
    D2 d = __enzyme_autodiff2((void *)newton_cbrt_use, a, S);
    double r = cbrt(a), dr = 1.0 / (3.0 * r * r);
    EXPECT_NEAR(d.da, (2 * S * r + cos(r)) * dr, 1e-8);
    EXPECT_NEAR(d.ds, r * r, 1e-8);
    EXPECT_NEAR(d.da, adj_fd(cb, a), 1e-6);
  }
  return adj_report();
}
