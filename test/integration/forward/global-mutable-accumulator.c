// Forward mode where the function writes an active value into a mutable global and reads it back.
// RUN: %check-program %s
#include "adjoint_test.h"

static double g_acc;
static int g_calls; /* integer global: inactive bookkeeping */

static void push(double v) {
  g_acc = g_acc * 0.5 + v;
  ++g_calls;
}

/* value flows through the global between helper calls */
static double f(double x) {
  g_acc = 0.0;
  push(x);
  push(x * x);
  push(sin(x));
  return g_acc * g_acc;
}

int main(void) {
  for (double x = -1.5; x <= 1.5; x += 0.3) {
    g_calls = 0;
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    EXPECT_NEAR((double)g_calls, 3.0, 0.0); /* the primal side effects still happen */
    double a = 0.25 * x + 0.5 * x * x + sin(x);
    double da = 0.25 + x + cos(x);
    EXPECT_NEAR(g_acc, a, 1e-15);
    EXPECT_NEAR(d, 2 * a * da, 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
