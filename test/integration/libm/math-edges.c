// Forward mode at the documented special points of the libm rules (the other
// math-*.c tests stay away from them): the side fabs takes at +-0, the
// operand fmin/fmax pick on a tie or against a NaN, pow and powi at x = 0
// and y = 0, hypot at the origin, frexp at powers of two (the right-hand
// derivative), copysign against a signed zero, and sqrt at 0 (+inf).
// RUN: %check-program %s
// RUN: %check-program %s -fno-math-errno
#include "adjoint_test.h"

static double w_fabs(double x) { return fabs(x); }
static float w_fabsf(float x) { return fabsf(x); }
static double w_fmin(double x, double y) { return fmin(x, y); }
static double w_fmax(double x, double y) { return fmax(x, y); }
static double w_pow(double x, double y) { return pow(x, y); }
static double w_powi(double x, int n) { return __builtin_powi(x, n); }
static double w_hypot(double x, double y) { return hypot(x, y); }
static double w_frexp(double x) {
  int e;
  return frexp(x, &e);
}
static double w_copysign(double x, double y) { return copysign(x, y); }
static double w_sqrt(double x) { return sqrt(x); }

/* d/dx and d/dy of a two-argument function, the other argument constant. */
#define DX(f, x, y) __enzyme_fwddiff((void *)(f), (double)(x), 1.0, enzyme_const, (double)(y))
#define DY(f, x, y) __enzyme_fwddiff((void *)(f), enzyme_const, (double)(x), (double)(y), 1.0)

int main(void) {
  // fabs: +1 at +0, -1 at -0 (copysign(1, x)).
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_fabs, 0.0, 1.0), 1.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_fabs, -0.0, 1.0), -1.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_fabsf, 0.0f, 1.0f), 1.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_fabsf, -0.0f, 1.0f), -1.0, 0);

  // fmin/fmax: a tie picks x; a NaN operand is ignored, the other one is
  // picked, so its partial is 1.
  EXPECT_NEAR(DX(w_fmin, 2.0, 2.0), 1.0, 0);
  EXPECT_NEAR(DY(w_fmin, 2.0, 2.0), 0.0, 0);
  EXPECT_NEAR(DX(w_fmax, -1.5, -1.5), 1.0, 0);
  EXPECT_NEAR(DY(w_fmax, -1.5, -1.5), 0.0, 0);
  EXPECT_NEAR(DX(w_fmin, 3.0, NAN), 1.0, 0);
  EXPECT_NEAR(DY(w_fmin, NAN, 3.0), 1.0, 0);
  EXPECT_NEAR(DX(w_fmax, 3.0, NAN), 1.0, 0);
  EXPECT_NEAR(DY(w_fmax, NAN, 3.0), 1.0, 0);

  // pow: d/dx = y x^(y-1) is 0 when y = 0 (also at x = 0, where the formula
  // has 0 * inf), 1 for y = 1 at x = 0; d/dy = r log x is 0 at x = 0 for
  // y > 0 (its limit; the formula has 0 * -inf).
  EXPECT_NEAR(DX(w_pow, 0.0, 0.0), 0.0, 0);
  EXPECT_NEAR(DX(w_pow, 3.0, 0.0), 0.0, 0);
  EXPECT_NEAR(DX(w_pow, 0.0, 1.0), 1.0, 0);
  EXPECT_NEAR(DX(w_pow, 0.0, 2.0), 0.0, 0);
  EXPECT_NEAR(DY(w_pow, 0.0, 2.0), 0.0, 0);
  EXPECT_NEAR(DY(w_pow, 0.0, 0.5), 0.0, 0);
  EXPECT_NEAR(DY(w_pow, 1.0, 7.0), 0.0, 0);

  // powi: n x^(n-1) with 0 for n = 0 (x^-1 is inf at 0).
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_powi, 0.0, 1.0, 0), 0.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_powi, 0.0, 1.0, 1), 1.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_powi, 0.0, 1.0, 2), 0.0, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_powi, 0.0, 1.0, 3), 0.0, 0);

  // hypot: both partials 0 at the origin; away from it x/r and y/r.
  EXPECT_NEAR(DX(w_hypot, 0.0, 0.0), 0.0, 0);
  EXPECT_NEAR(DY(w_hypot, 0.0, 0.0), 0.0, 0);
  EXPECT_NEAR(DX(w_hypot, -0.0, 0.0), 0.0, 0);

  // frexp at a power of two: the mantissa jumps from ~1 to 0.5 there; the
  // tangent is 2^-e of the value frexp returns (the right-hand side).
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_frexp, 1.0, 1.0), 0.5, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_frexp, 8.0, 1.0), 1.0 / 16, 0);
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_frexp, -4.0, 1.0), 1.0 / 8, 0);
  // A subnormal x = 1.5 2^-1024 = 0.75 2^-1023: the tangent is 2^1023.
  EXPECT_NEAR(__enzyme_fwddiff((void *)w_frexp, 0x1.8p-1024, 1.0), 0x1p1023, 0);

  // copysign(x, y) = |x| sign(y): the sign of a zero y counts.
  EXPECT_NEAR(DX(w_copysign, 2.0, 0.0), 1.0, 0);
  EXPECT_NEAR(DX(w_copysign, 2.0, -0.0), -1.0, 0);
  EXPECT_NEAR(DX(w_copysign, -2.0, 0.0), -1.0, 0);
  EXPECT_NEAR(DX(w_copysign, -2.0, -0.0), 1.0, 0);
  EXPECT_NEAR(DY(w_copysign, -2.0, 5.0), 0.0, 0);

  // sqrt at 0: the one-sided derivative is +inf.
  double ds = __enzyme_fwddiff((void *)w_sqrt, 0.0, 1.0);
  EXPECT_NEAR(isinf(ds) && ds > 0, 1, 0);

  return adj_report();
}
