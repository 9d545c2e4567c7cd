// enzyme_primal_return (the marker rustc's autodiff puts first when a
// function's result is wanted beside its derivatives): the request returns
// f's own result first, then the adjoints of the enzyme_out arguments
// (reverse mode) or the tangents (forward mode, one per batch lane). In
// reverse mode f runs once: its result comes from the augmented forward
// pass, not from a second call.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>
typedef struct { double y, dx; } YD;
typedef struct { double y, da, db; } YDD;
typedef struct { double y, t; } YT;
typedef struct { double y, t[2]; } YT2;
YD __enzyme_autodiff_yd(void *, ...);
YDD __enzyme_autodiff_ydd(void *, ...);
YT __enzyme_fwddiff_yt(void *, ...);
YT2 __enzyme_fwddiff_yt2(void *, ...);
static int calls;
static double sq(double x) { ++calls; return x * sin(x); }
static double two(double a, const double *w, double b) { return a * w[0] + b * b * w[1]; }
int main(void) {
  double x = 0.7;
  calls = 0;
  YD r = __enzyme_autodiff_yd((void *)sq, enzyme_primal_return, x);
  EXPECT_NEAR(r.y, x * sin(x), 1e-15);
  EXPECT_NEAR(r.dx, sin(x) + x * cos(x), 1e-14);
  EXPECT_NEAR(calls, 1, 0); /* f runs once, its side effects too */
  double w[2] = {2, 3};
  YDD g = __enzyme_autodiff_ydd((void *)two, enzyme_primal_return, 0.5, enzyme_const, w, 1.5);
  EXPECT_NEAR(g.y, 0.5 * 2 + 1.5 * 1.5 * 3, 1e-15);
  EXPECT_NEAR(g.da, 2, 1e-15);
  EXPECT_NEAR(g.db, 2 * 1.5 * 3, 1e-15);
  YT t = __enzyme_fwddiff_yt((void *)sq, enzyme_primal_return, x, 1.0);
  EXPECT_NEAR(t.y, x * sin(x), 1e-15);
  EXPECT_NEAR(t.t, sin(x) + x * cos(x), 1e-14);
  YT2 t2 = __enzyme_fwddiff_yt2((void *)sq, enzyme_primal_return, enzyme_width, 2, x, 1.0, 2.0);
  EXPECT_NEAR(t2.y, x * sin(x), 1e-15);
  EXPECT_NEAR(t2.t[1], 2 * (sin(x) + x * cos(x)), 1e-14);
  return adj_report();
}
