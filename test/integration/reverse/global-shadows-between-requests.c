// Adjoint keeps the derivatives of mutable globals in shadow globals that
// forward and reverse mode share. Each request starts them at zero: at a
// request nothing but its arguments carries a derivative. Before, a
// gradient left the adjoint of a global it read (scale) in the shadow, and
// a later tangent read it as the global's tangent; an adjoint left by one
// gradient was added into the input of the next gradient that wrote the
// global; and a tangent stored by one forward request was read by the
// next as the tangent of a global it only reads. Against analytic values.
// RUN: %check-program %s
#include "adjoint_test.h"

double scale = 3.0, g, h;

static double reads_scale(double x) { return sin(x) + scale * x * x; }
static double writes_then_reads(double x) {
  scale = x;
  return scale * scale;
}
static double sets_h(double x) {
  h = x * x;
  return h;
}
static double reads_h(double x) { return h * x; }

int main(void) {
  double x = 0.4;
  for (int round = 0; round < 2; ++round) {
    scale = 3.0;
    EXPECT_NEAR(__enzyme_autodiff((void *)reads_scale, x), cos(x) + 2 * 3.0 * x, 1e-14);
    EXPECT_NEAR(__enzyme_fwddiff((void *)reads_scale, x, 1.0), cos(x) + 2 * 3.0 * x, 1e-14);
    EXPECT_NEAR(__enzyme_autodiff((void *)reads_scale, x), cos(x) + 2 * 3.0 * x, 1e-14);
    EXPECT_NEAR(__enzyme_autodiff((void *)writes_then_reads, x), 2 * x, 1e-14);
    EXPECT_NEAR(__enzyme_fwddiff((void *)sets_h, x, 1.0), 2 * x, 1e-14);
    /* h = x^2 was set by the call before: a constant here. */
    EXPECT_NEAR(__enzyme_fwddiff((void *)reads_h, x, 1.0), x * x, 1e-14);
    EXPECT_NEAR(__enzyme_autodiff((void *)reads_h, x), x * x, 1e-14);
  }
  return adj_report();
}
