// Forward mode on single-precision (float) functions using float libm calls.
// RUN: %check-program %s
#include "adjoint_test.h"

float __enzyme_fwddiff_f(void *, ...);

static float f(float x) { return sinf(x) * expf(0.5f * x) + sqrtf(1.0f + x * x) - logf(2.0f + x); }

static float g(const float *v, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i)
    s += tanhf(v[i]) * v[i];
  return s;
}

int main(void) {
  for (float x = -1.0f; x <= 1.0f; x += 0.25f) {
    float d = __enzyme_fwddiff_f((void *)f, x, 1.0f);
    double xd = x;
    double exact = cos(xd) * exp(0.5 * xd) + 0.5 * sin(xd) * exp(0.5 * xd) +
                   xd / sqrt(1 + xd * xd) - 1.0 / (2.0 + xd);
    EXPECT_NEAR(d, exact, 1e-5);
    EXPECT_NEAR(d, adj_fdf(f, x), 1e-3);
  }
  float v[4] = {0.1f, -0.5f, 0.9f, 0.3f};
  float dv[4] = {1.0f, 0.0f, 0.0f, 0.0f};
  for (int j = 0; j < 4; ++j) {
    for (int i = 0; i < 4; ++i)
      dv[i] = i == j ? 1.0f : 0.0f;
    float d = __enzyme_fwddiff_f((void *)g, v, dv, 4);
    double t = tanh((double)v[j]);
    EXPECT_NEAR(d, (1 - t * t) * v[j] + t, 1e-5);
  }
  return adj_report();
}
