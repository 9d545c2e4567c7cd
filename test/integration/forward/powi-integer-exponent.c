// Forward mode through integer powers: __builtin_powi and pow(x, n) with an integer n that is constant.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f(double x, int n) { return __builtin_powi(x, n) + pow(x, (double)n) * 0.5; }

static int g_n;
static double fn(double x) { return f(x, g_n); }

int main(void) {
  for (g_n = -3; g_n <= 5; ++g_n) {
    for (double x = 0.5; x <= 2.0; x += 0.25) {
      double d = __enzyme_fwddiff((void *)f, x, 1.0, g_n);
      double exact = 1.5 * g_n * pow(x, g_n - 1);
      EXPECT_NEAR(d, exact, 1e-12);
      EXPECT_NEAR(d, adj_fd(fn, x), 1e-6);
    }
  }
  return adj_report();
}
