// Forward mode through frexp (integer exponent written through a pointer) and ldexp.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f_frexp(double x) {
  int e;
  double m = frexp(x * x, &e); /* x^2 = m * 2^e, m in [0.5, 1): dm = 2x * 2^-e */
  return m * e + ldexp(m, 2) + ldexp(x, -1);
}

int main(void) {
  const double xs[] = {0.37, 0.61, 1.13, 1.79, 2.41, 5.3};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    int e;
    frexp(x * x, &e);
    double dm = 2 * x * ldexp(1.0, -e);
    double d = __enzyme_fwddiff((void *)f_frexp, x, 1.0);
    EXPECT_NEAR(d, dm * e + 4 * dm + 0.5, 1e-12);
    EXPECT_NEAR(d, adj_fd(f_frexp, x), 1e-6);
  }
  return adj_report();
}
