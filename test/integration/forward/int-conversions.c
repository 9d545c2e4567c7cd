// Forward mode with sitofp/fptosi in the data path: integer parts are piecewise constant.
// RUN: %check-program %s
#include "adjoint_test.h"

/* periodic extension via fptosi: frac(x) has derivative 1 away from integers;
 * sitofp of the loop counter multiplies active values */
static double f(double x) {
  int k = (int)floor(x);       /* fptosi: derivative 0 */
  double frac = x - (double)k; /* sitofp(k) is constant */
  double s = 0.0;
  for (int i = 1; i <= 4; ++i)
    s += (double)i * frac * frac; /* sitofp(i) * active */
  long m = (long)(x * 3.0);   /* truncated, no derivative */
  return s + (double)m + frac * (double)(k + 2);
}

int main(void) {
  const double xs[] = {-2.3, -1.6, -0.4, 0.2, 0.55, 1.3, 2.7, 3.9};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    int k = (int)floor(x);
    double frac = x - k;
    EXPECT_NEAR(d, 10.0 * 2 * frac + (k + 2), 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
