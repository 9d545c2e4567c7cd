// Batch forward mode with enzyme_width 2: two tangent directions in one call (scalar and pointer args).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double d[2];
} vec2;
vec2 __enzyme_fwddiff_v2(void *, ...);

static double f(double x, double y) { return sin(x * y) + x * x * y; }

static double g(const double *p, double s) {
  return p[0] * p[1] * s + exp(p[2] * s);
}

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.5) {
    double y = 0.7 - x;
    /* directions e_x and e_y give the gradient */
    vec2 r = __enzyme_fwddiff_v2((void *)f, enzyme_width, 2, enzyme_dup, x, 1.0, 0.0, enzyme_dup,
                                 y, 0.0, 1.0);
    EXPECT_NEAR(r.d[0], y * cos(x * y) + 2 * x * y, 1e-12);
    EXPECT_NEAR(r.d[1], x * cos(x * y) + x * x, 1e-12);
    double h = 1e-6;
    EXPECT_NEAR(r.d[0], (f(x + h, y) - f(x - h, y)) / (2 * h), 1e-6);
    EXPECT_NEAR(r.d[1], (f(x, y + h) - f(x, y - h)) / (2 * h), 1e-6);
  }
  double p[3] = {0.5, -1.5, 0.8};
  double dp0[3] = {1.0, 0.0, 2.0}, dp1[3] = {0.0, 1.0, -1.0};
  double s = 0.9;
  vec2 r = __enzyme_fwddiff_v2((void *)g, enzyme_width, 2, enzyme_dup, p, dp0, dp1, enzyme_dup, s,
                               0.5, 0.0);
  for (int k = 0; k < 2; ++k) {
    const double *dp = k ? dp1 : dp0;
    double ds = k ? 0.0 : 0.5;
    double exact = (dp[0] * p[1] + p[0] * dp[1]) * s + p[0] * p[1] * ds +
                   exp(p[2] * s) * (dp[2] * s + p[2] * ds);
    EXPECT_NEAR(r.d[k], exact, 1e-12);
    double h = 1e-6, pp[3], pm[3];
    for (int i = 0; i < 3; ++i) {
      pp[i] = p[i] + h * dp[i];
      pm[i] = p[i] - h * dp[i];
    }
    EXPECT_NEAR(r.d[k], (g(pp, s + h * ds) - g(pm, s - h * ds)) / (2 * h), 1e-6);
  }
  return adj_report();
}
