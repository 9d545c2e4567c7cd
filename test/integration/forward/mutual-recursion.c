// Forward mode through two mutually recursive functions.
// RUN: %check-program %s
#include "adjoint_test.h"

static double odd_part(double x, int n);

/* even_part / odd_part alternate, each applying a different smooth map */
static double even_part(double x, int n) {
  if (n <= 0)
    return x;
  return cos(odd_part(x, n - 1)) + x;
}

static double odd_part(double x, int n) {
  if (n <= 0)
    return x * x;
  return 0.5 * even_part(x, n - 1) * x;
}

static int g_n;
static double even_n(double x) { return even_part(x, g_n); }

int main(void) {
  for (g_n = 0; g_n <= 7; ++g_n) {
    for (double x = -1.0; x <= 1.0; x += 0.25) {
      double d = __enzyme_fwddiff((void *)even_part, x, 1.0, g_n);
      /* analytic: level k (0 = top) is even_part when k is even, odd_part when odd;
       * start at the bottom level n and walk back up */
      int n = g_n;
      double v = n % 2 == 0 ? x : x * x;
      double dv = n % 2 == 0 ? 1.0 : 2 * x;
      for (int k = n - 1; k >= 0; --k) {
        if (k % 2 == 0) { /* even_part: cos(v) + x */
          dv = -sin(v) * dv + 1.0;
          v = cos(v) + x;
        } else { /* odd_part: 0.5 * v * x */
          dv = 0.5 * (dv * x + v);
          v = 0.5 * v * x;
        }
      }
      EXPECT_NEAR(d, dv, 1e-12);
      EXPECT_NEAR(d, adj_fd(even_n, x), 1e-6);
    }
  }
  return adj_report();
}
