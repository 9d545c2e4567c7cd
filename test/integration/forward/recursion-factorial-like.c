// Forward mode through a self-recursive function (depth controlled by an integer argument).
// RUN: %check-program %s
#include "adjoint_test.h"

/* p(x, n) = x * p(x, n-1) + n  with p(x, 0) = 1, i.e. a factorial-like nested product */
static double rec(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * rec(x, n - 1) + n;
}

/* a second recursion with two self-calls (tree recursion) */
static double fibish(double x, int n) {
  if (n < 2)
    return n == 0 ? 1.0 : x;
  return x * fibish(x, n - 1) + sin(fibish(x, n - 2));
}

static int g_n;
static double rec_n(double x) { return rec(x, g_n); }
static double fib_n(double x) { return fibish(x, g_n); }

int main(void) {
  for (g_n = 0; g_n <= 8; ++g_n) {
    for (double x = -1.2; x <= 1.2; x += 0.4) {
      double d = __enzyme_fwddiff((void *)rec, x, 1.0, g_n);
      double p = 1.0, dp = 0.0;
      for (int k = 1; k <= g_n; ++k) {
        dp = p + x * dp;
        p = x * p + k;
      }
      EXPECT_NEAR(d, dp, 1e-12);
      EXPECT_NEAR(d, adj_fd(rec_n, x), 1e-6);
      double e = __enzyme_fwddiff((void *)fibish, x, 1.0, g_n);
      EXPECT_NEAR(e, adj_fd(fib_n, x), 1e-6);
    }
  }
  return adj_report();
}
