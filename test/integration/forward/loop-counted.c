// Forward mode through a counted loop: a power series sum with a fixed trip count.
// RUN: %check-program %s
#include "adjoint_test.h"

/* sum_{k=0}^{n-1} x^k / k!  (truncated exponential) */
static double series(double x) {
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < 20; ++k) {
    sum += term;
    term *= x / (k + 1);
  }
  return sum;
}

/* derivative of the truncated series is the series truncated one term earlier */
static double series_deriv(double x) {
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < 19; ++k) {
    sum += term;
    term *= x / (k + 1);
  }
  return sum;
}

int main(void) {
  for (double x = -1.5; x <= 1.5; x += 0.25) {
    double d = __enzyme_fwddiff((void *)series, x, 1.0);
    EXPECT_NEAR(d, series_deriv(x), 1e-12);
    EXPECT_NEAR(d, adj_fd(series, x), 1e-6);
  }
  return adj_report();
}
