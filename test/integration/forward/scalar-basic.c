// Scalar forward mode: a smooth expression, compared with the analytic
// derivative and with central finite differences.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f(double x) { return sin(x) * exp(x) / (1.0 + x * x); }

int main(void) {
  for (double x = -2.0; x <= 2.0; x += 0.5) {
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    double exact = (cos(x) * exp(x) + sin(x) * exp(x)) / (1 + x * x) -
                   sin(x) * exp(x) * 2 * x / ((1 + x * x) * (1 + x * x));
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
