// Forward mode through a deep chain of non-inlined helper calls, each adding a smooth stage.
// RUN: %check-program %s
#include "adjoint_test.h"

#define NOINLINE __attribute__((noinline))

NOINLINE static double s1(double x) { return x * x + 1.0; }
NOINLINE static double s2(double x) { return sqrt(s1(x)); }
NOINLINE static double s3(double x) { return log(s2(x)) + x; }
NOINLINE static double s4(double x) { return s3(x) * s2(x); }
NOINLINE static double s5(double x) { return sin(s4(x)); }
NOINLINE static double s6(double x) { return s5(x) / s1(x); }
NOINLINE static double s7(double x) { return exp(s6(x)) - s3(x); }
NOINLINE static double s8(double x) { return s7(s7(x) * 0.5); }

int main(void) {
  for (double x = -1.5; x <= 1.5; x += 0.3) {
    double d = __enzyme_fwddiff((void *)s8, x, 1.0);
    EXPECT_NEAR(d, adj_fd(s8, x), 1e-6);
    /* a short analytic check along the chain */
    double d3 = __enzyme_fwddiff((void *)s3, x, 1.0);
    EXPECT_NEAR(d3, x / (x * x + 1.0) + 1.0, 1e-12);
  }
  return adj_report();
}
