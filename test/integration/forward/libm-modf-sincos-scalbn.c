// Forward mode through libm modf and sincos (second result through a double pointer) and scalbn/scalbln.
// RUN: %check-program %s
#define _GNU_SOURCE
#include "adjoint_test.h"

static double f_modf(double x) {
  double ip;
  double fp = modf(3.0 * x, &ip); /* fp has slope 3, ip is piecewise constant */
  return fp * fp + ip * x;
}

static double f_sincos(double x) {
  double s, c;
  sincos(2.0 * x, &s, &c);
  return s * c + c;
}

static double f_scalbn(double x) { return scalbn(x * x, 3) + scalbln(x, -2); }

int main(void) {
  const double xs[] = {0.37, 0.61, 1.13, 1.79, 2.41};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    double ip;
    double fp = modf(3.0 * x, &ip);
    double d = __enzyme_fwddiff((void *)f_modf, x, 1.0);
    EXPECT_NEAR(d, 6.0 * fp + ip, 1e-12);
    EXPECT_NEAR(d, adj_fd(f_modf, x), 1e-6);

    d = __enzyme_fwddiff((void *)f_sincos, x, 1.0);
    EXPECT_NEAR(d, 2.0 * cos(4.0 * x) - 2.0 * sin(2.0 * x), 1e-12);
    EXPECT_NEAR(d, adj_fd(f_sincos, x), 1e-6);

    d = __enzyme_fwddiff((void *)f_scalbn, x, 1.0);
    EXPECT_NEAR(d, 16.0 * x + 0.25, 1e-12);
  }
  return adj_report();
}
