// Forward mode (C++) on functions with reference parameters: const double& inputs and double& outputs.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

/* polar -> cartesian with outputs through references; returns the radius squared */
static double to_xy(const double &r, const double &t, double &x, double &y) {
  x = r * std::cos(t);
  y = r * std::sin(t);
  return r * r;
}

static void swap_scale(double &a, double &b, double s) {
  double t = a;
  a = b * s;
  b = t / s;
}

int main() {
  double r = 1.5, t = 0.7, dr = 0.5, dt = -1.0, x, y, dx = 0, dy = 0;
  double d = __enzyme_fwddiff((void *)to_xy, &r, &dr, &t, &dt, &x, &dx, &y, &dy);
  EXPECT_NEAR(d, 2 * r * dr, 1e-12);
  EXPECT_NEAR(dx, dr * std::cos(t) - r * std::sin(t) * dt, 1e-12);
  EXPECT_NEAR(dy, dr * std::sin(t) + r * std::cos(t) * dt, 1e-12);
  double a = 2.0, b = 3.0, da = 1.0, db = 0.25, s = 4.0, ds = 0.5;
  __enzyme_fwddiff((void *)swap_scale, &a, &da, &b, &db, s, ds);
  EXPECT_NEAR(a, 12.0, 1e-15);
  EXPECT_NEAR(b, 0.5, 1e-15);
  EXPECT_NEAR(da, 0.25 * 4.0 + 3.0 * 0.5, 1e-12);
  EXPECT_NEAR(db, 1.0 / 4.0 - 2.0 * 0.5 / 16.0, 1e-12);
  return adj_report();
}
