// Forward mode on a function with several early returns from inside loops and branches.
// RUN: %check-program %s
#include "adjoint_test.h"

/* find the first t_k = k*0.25 where x*t_k crosses 1 and return a smooth function there */
static double first_cross(double x) {
  if (x <= 0.0)
    return x * x; /* early exit before the loop */
  for (int k = 1; k <= 40; ++k) {
    double t = k * 0.25;
    double v = x * t;
    if (v > 1.0)
      return sin(v) / t; /* return from inside the loop */
    if (k == 40)
      break;
  }
  return exp(x); /* fall-through exit */
}

int main(void) {
  const double xs[] = {-1.0, -0.2, 0.05, 0.13, 0.3, 0.7, 1.1, 3.0, 5.5};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    double d = __enzyme_fwddiff((void *)first_cross, x, 1.0);
    double exact;
    if (x <= 0)
      exact = 2 * x;
    else {
      exact = exp(x);
      for (int k = 1; k <= 40; ++k) {
        double t = k * 0.25;
        if (x * t > 1.0) {
          exact = cos(x * t);
          break;
        }
      }
    }
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(first_cross, x), 1e-6);
  }
  return adj_report();
}
