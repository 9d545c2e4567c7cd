// __enzyme_function_like: a user's function that behaves like a math
// function gets that function's derivative rule instead of having its body
// differentiated. Here a log by a short series and a float exp by repeated
// squaring: their bodies' derivatives are only approximately 1/x and e^x,
// while the rules are exact in terms of the results (1/x, and the result
// itself), in both modes.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>

/* log(x) for x near 1: 2 atanh((x-1)/(x+1)) to three terms. */
__attribute__((noinline)) double mylog(double x) {
  double t = (x - 1) / (x + 1), t2 = t * t;
  return 2 * t * (1 + t2 / 3 + t2 * t2 / 5);
}
/* e^x as (1 + x/256)^256. */
__attribute__((noinline)) float myexpf(float x) {
  float y = 1 + x / 256;
  for (int k = 0; k < 8; ++k) y = y * y;
  return y;
}
__attribute__((used)) void *__enzyme_function_like[2][2] = {{(void *)mylog, (void *)"log"},
                                                             {(void *)myexpf, (void *)"expf"}};

static double model(double x) { return 3 * mylog(x) + x; }
static float fmodel(float x) { return myexpf(2 * x); }
float __enzyme_autodiff_f(void *, ...);
float __enzyme_fwddiff_f(void *, ...);

int main(void) {
  double x = 1.3;
  EXPECT_NEAR(__enzyme_autodiff((void *)model, x), 3 / x + 1, 1e-15);
  EXPECT_NEAR(__enzyme_fwddiff((void *)model, x, 1.0), 3 / x + 1, 1e-15);
  float y = 0.4f;
  /* The rule of expf: the derivative is the result itself. */
  EXPECT_NEAR(__enzyme_autodiff_f((void *)fmodel, y), 2 * myexpf(2 * y), 1e-5);
  EXPECT_NEAR(__enzyme_fwddiff_f((void *)fmodel, y, 1.0f), 2 * myexpf(2 * y), 1e-5);
  return adj_report();
}
