// Forward mode through tail recursion with an accumulator (turned into a loop by the optimizer at -O2).
// RUN: %check-program %s
#include "adjoint_test.h"

/* continued fraction x / (1 + x / (2 + x / (3 + ...))) evaluated bottom-up by tail recursion */
static double cf(double x, int k, double acc) {
  if (k == 0)
    return x / acc;
  return cf(x, k - 1, k + x / acc);
}

static double cf10(double x) { return cf(x, 10, 11.0); }

int main(void) {
  for (double x = 0.1; x <= 3.0; x += 0.3) {
    double d = __enzyme_fwddiff((void *)cf, x, 1.0, 10, enzyme_const, 11.0);
    double acc = 11.0, dacc = 0.0;
    for (int k = 10; k > 0; --k) {
      double nd = (acc - x * dacc) / (acc * acc);
      acc = k + x / acc;
      dacc = nd;
    }
    EXPECT_NEAR(d, (acc - x * dacc) / (acc * acc), 1e-12);
    EXPECT_NEAR(d, adj_fd(cf10, x), 1e-6);
    /* an active accumulator seed too */
    double e = __enzyme_fwddiff((void *)cf, x, 0.0, 10, 11.0, 1.0);
    double h = 1e-6;
    EXPECT_NEAR(e, (cf(x, 10, 11.0 + h) - cf(x, 10, 11.0 - h)) / (2 * h), 1e-6);
  }
  return adj_report();
}
