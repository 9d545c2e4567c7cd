// enzyme_const_return: f's result carries no derivative. Reverse mode does
// not seed it (derivatives flow only from seeded output shadows); with
// enzyme_primal_return the request returns f's result. Forward mode returns
// f's result and no tangent.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>
typedef struct { double y, da; } YD;
double __enzyme_autodiff_y(void *, ...);
YD __enzyme_autodiff_yd(void *, ...);
double __enzyme_fwddiff_y(void *, ...);
static double store_and_return(const double *x, double *out) {
  *out = sin(*x) * 2.0;
  return *x * *x * *x;
}
static double scaled(double a, double *out) {
  *out = a * a;
  return 10.0 * a;
}
int main(void) {
  double x = 0.6, dx = 0, out = 0, dout = 1.0;
  double y = __enzyme_autodiff_y((void *)store_and_return, enzyme_primal_return, enzyme_const_return,
                                 &x, &dx, &out, &dout);
  EXPECT_NEAR(y, x * x * x, 1e-15);
  EXPECT_NEAR(out, sin(x) * 2.0, 1e-15);
  EXPECT_NEAR(dx, 2.0 * cos(x), 1e-15); /* not 3x^2 + 2cos(x): the result is not seeded */
  dout = 3.0;
  YD r = __enzyme_autodiff_yd((void *)scaled, enzyme_primal_return, enzyme_const_return, 0.5,
                              &out, &dout);
  EXPECT_NEAR(r.y, 5.0, 1e-15);
  EXPECT_NEAR(r.da, 3.0 * 2 * 0.5, 1e-15);
  double t = __enzyme_fwddiff_y((void *)store_and_return, enzyme_primal_return, enzyme_const_return,
                                &x, &dx, &out, &dout);
  EXPECT_NEAR(t, x * x * x, 1e-15);
  return adj_report();
}
