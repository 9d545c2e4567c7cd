// An active argument nothing flows back into gets +0.0, not -0.0: adjoints start from -0.0
// (the identity of addition, so the optimizer drops the first addition into each), and the
// gradient adds +0.0 before returning them. Also a sum of two terms that cancel.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff_d2(void *, ...);

static double only_x(double x, double y) { return x * x; }
static double cancels(double x, double y) { return x * y - y * x + 3.0 * x; }

int main(void) {
  D2 d = __enzyme_autodiff_d2((void *)only_x, 1.5, 2.0);
  EXPECT_NEAR(d.dx, 3.0, 1e-15);
  EXPECT_NEAR(d.dy, 0.0, 0.0);
  EXPECT_NEAR((double)signbit(d.dy), 0.0, 0.0); /* +0.0 */
  D2 c = __enzyme_autodiff_d2((void *)cancels, 1.5, 2.0);
  EXPECT_NEAR(c.dx, 3.0, 1e-15);
  EXPECT_NEAR(c.dy, 0.0, 0.0);
  return adj_report();
}
