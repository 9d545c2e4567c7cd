// Forward mode through fpext/fptrunc: float inputs promoted to double and results truncated.
// RUN: %check-program %s
#include "adjoint_test.h"

/* float input, double internal work, double result */
static double widen(float x) {
  double y = x;
  return y * y * y + sin(y);
}

/* double input, float internal work, float converted back to double */
static double narrow(double x) {
  float y = (float)x;
  float z = y * y + 1.0f;
  return (double)z * x;
}

static double widen_d(double x) { return widen((float)x); }

int main(void) {
  for (float x = -1.0f; x <= 1.0f; x += 0.25f) {
    double d = __enzyme_fwddiff((void *)widen, x, 1.0f);
    double xd = x;
    EXPECT_NEAR(d, 3 * xd * xd + cos(xd), 1e-12);
    double h = 1.0 / 1024; /* exact in float for these x */
    EXPECT_NEAR(d, (widen_d(xd + h) - widen_d(xd - h)) / (2 * h), 1e-5);

    double e = __enzyme_fwddiff((void *)narrow, xd, 1.0);
    /* z = (float)(y*y+1): d z = 2 y; total: 2 y x + z */
    float y = (float)xd;
    double z = (double)(y * y + 1.0f);
    EXPECT_NEAR(e, 2.0 * y * xd + z, 1e-6);
  }
  return adj_report();
}
