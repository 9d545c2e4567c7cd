// Forward mode through a while loop whose trip count depends on the active value.
// RUN: %check-program %s
#include "adjoint_test.h"

/* Halve x until it drops below 1, counting the halvings, then apply a smooth map:
 * piecewise smooth with derivative 2^-k * (2*y + 1) where y = x / 2^k. */
static double halve(double x) {
  double y = x;
  int k = 0;
  while (y >= 1.0) {
    y *= 0.5;
    ++k;
  }
  return y * y + y + k;
}

int main(void) {
  const double xs[] = {0.3, 0.9, 1.3, 2.7, 5.5, 13.0, 100.3, 1000.7};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    double d = __enzyme_fwddiff((void *)halve, x, 1.0);
    double y = x;
    double scale = 1.0;
    while (y >= 1.0) {
      y *= 0.5;
      scale *= 0.5;
    }
    EXPECT_NEAR(d, scale * (2 * y + 1), 1e-12);
    EXPECT_NEAR(d, adj_fd(halve, x), 1e-6);
  }
  return adj_report();
}
