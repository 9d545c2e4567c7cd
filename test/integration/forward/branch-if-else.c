// Forward mode through if/else chains on the active value (piecewise smooth function).
// RUN: %check-program %s
#include "adjoint_test.h"

/* A smooth-ish "soft clip": cubic in the middle, log tails. */
static double softclip(double x) {
  double r;
  if (x > 1.0) {
    r = 2.0 / 3.0 + log(x);
  } else if (x < -1.0) {
    r = -2.0 / 3.0 - log(-x);
  } else {
    r = x - x * x * x / 3.0;
  }
  return r * r;
}

static double softclip_exact(double x) {
  if (x > 1.0)
    return 2 * (2.0 / 3.0 + log(x)) / x;
  if (x < -1.0)
    return 2 * (-2.0 / 3.0 - log(-x)) * (-1.0 / x);
  return 2 * (x - x * x * x / 3.0) * (1 - x * x);
}

int main(void) {
  for (double x = -3.1; x <= 3.1; x += 0.4) {
    double d = __enzyme_fwddiff((void *)softclip, x, 1.0);
    EXPECT_NEAR(d, softclip_exact(x), 1e-12);
    EXPECT_NEAR(d, adj_fd(softclip, x), 1e-6);
  }
  return adj_report();
}
