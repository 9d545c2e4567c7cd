// Forward mode with an active value stored in a _Thread_local global between helper calls.
// RUN: %check-program %s
#include "adjoint_test.h"

static _Thread_local double tl_state;

__attribute__((noinline)) static void step(double u) { tl_state = 0.9 * tl_state + sin(u * tl_state); }

static double run(double x) {
  tl_state = x;
  for (int i = 0; i < 5; ++i)
    step(x);
  return tl_state;
}

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.25) {
    double d = __enzyme_fwddiff((void *)run, x, 1.0);
    double s = x, ds = 1.0;
    for (int i = 0; i < 5; ++i) {
      double nds = 0.9 * ds + cos(x * s) * (s + x * ds);
      s = 0.9 * s + sin(x * s);
      ds = nds;
    }
    EXPECT_NEAR(d, ds, 1e-12);
    EXPECT_NEAR(d, adj_fd(run, x), 1e-6);
  }
  return adj_report();
}
