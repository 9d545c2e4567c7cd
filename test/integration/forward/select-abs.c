// Forward mode through branch-free selects: fabs, ternary min/max, and copysign.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f(double x) {
  double a = fabs(x - 0.3);
  double m = x < 0.5 ? x * x : 2.0 * x - 0.25; /* C1 at 0.5 */
  double c = copysign(x * x, x - 0.1);
  return a * 3.0 + m + c;
}

static double f_exact(double x) {
  double da = (x - 0.3) > 0 ? 3.0 : -3.0;
  double dm = x < 0.5 ? 2 * x : 2.0;
  double dc = (x - 0.1) >= 0 ? 2 * x : -2 * x;
  return da + dm + dc;
}

int main(void) {
  const double xs[] = {-2.0, -0.7, 0.0, 0.2, 0.37, 0.45, 0.8, 1.9};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double d = __enzyme_fwddiff((void *)f, xs[i], 1.0);
    EXPECT_NEAR(d, f_exact(xs[i]), 1e-12);
    EXPECT_NEAR(d, adj_fd(f, xs[i]), 1e-6);
  }
  return adj_report();
}
