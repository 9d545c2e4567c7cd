// Forward mode on a function that prints intermediate values (printf/fprintf are inactive calls).
// RUN: %check-program %s
#include "adjoint_test.h"

static int verbose = 1;

static double logistic_steps(double r) {
  double x = 0.5;
  for (int i = 0; i < 5; ++i) {
    x = r * x * (1.0 - x);
    if (verbose)
      printf("step %d: x = %g\n", i, x);
  }
  fprintf(stderr, "final %.3f\n", x);
  return x;
}

int main(void) {
  for (double r = 0.5; r <= 3.5; r += 0.5) {
    double d = __enzyme_fwddiff((void *)logistic_steps, r, 1.0);
    double x = 0.5, dx = 0.0;
    for (int i = 0; i < 5; ++i) {
      dx = x * (1 - x) + r * dx * (1 - 2 * x);
      x = r * x * (1 - x);
    }
    EXPECT_NEAR(d, dx, 1e-12);
    verbose = 0;
    EXPECT_NEAR(d, adj_fd(logistic_steps, r), 1e-6);
    verbose = 1;
  }
  return adj_report();
}
