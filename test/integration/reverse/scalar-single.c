// Reverse mode with one active scalar argument: the gradient is returned as a double.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f(double x) { return x * x * x - 2.0 * x + 1.0 / (1.0 + x * x); }

int main(void) {
  for (double x = -2.0; x <= 2.0; x += 0.25) {
    double d = __enzyme_autodiff((void *)f, x);
    double q = 1.0 + x * x;
    EXPECT_NEAR(d, 3 * x * x - 2.0 - 2 * x / (q * q), 1e-10);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
