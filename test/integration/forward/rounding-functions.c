// Forward mode through rounding functions (floor, ceil, trunc, round, rint, nearbyint): zero derivative almost everywhere.
// RUN: %check-program %s
#include "adjoint_test.h"

/* sawtooth-like combinations: slope comes only from the non-rounded terms */
static double f(double x) {
  return (x - floor(x)) * 2.0 + ceil(3 * x) + trunc(x * x) + round(5 * x) * x + rint(x) +
         nearbyint(2 * x) * 0.5 + x * x * (x - trunc(x));
}

int main(void) {
  const double xs[] = {-2.33, -1.71, -0.57, 0.13, 0.61, 1.27, 2.43, 3.19};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    double exact = 2.0 + round(5 * x) + 2 * x * (x - trunc(x)) + x * x;
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
