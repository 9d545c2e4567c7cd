// Forward mode on GCC vector-extension types (double v4 with vector_size(32)): lanes, shuffles, reductions.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef double v4 __attribute__((vector_size(32)));

/* elementwise polynomial on a v4 loaded from memory, horizontal sum of a lane-rotated product */
static double vk(const double *p) {
  v4 x = {p[0], p[1], p[2], p[3]};
  v4 y = x * x * 0.5 + x * 2.0 + 1.0;
  v4 r = __builtin_shufflevector(y, y, 1, 2, 3, 0);
  v4 z = y * r;
  return z[0] + z[1] + z[2] + z[3];
}

/* v4 through memory: out = x * x + in-lane scale */
static void vmul(const v4 *a, v4 *out) {
  v4 s = {1.0, 2.0, 3.0, 4.0};
  *out = *a * *a * s;
}

int main(void) {
  double p[4] = {0.3, -1.0, 0.8, 1.5};
  for (int j = 0; j < 4; ++j) {
    double dp[4] = {0};
    dp[j] = 1.0;
    double d = __enzyme_fwddiff((void *)vk, p, dp);
    double y[4], dy[4];
    for (int i = 0; i < 4; ++i) {
      y[i] = 0.5 * p[i] * p[i] + 2 * p[i] + 1;
      dy[i] = i == j ? p[i] + 2 : 0.0;
    }
    double exact = 0.0;
    for (int i = 0; i < 4; ++i)
      exact += dy[i] * y[(i + 1) % 4] + y[i] * dy[(i + 1) % 4];
    EXPECT_NEAR(d, exact, 1e-12);
    double pp[4], pm[4], h = 1e-6;
    for (int i = 0; i < 4; ++i)
      pp[i] = pm[i] = p[i];
    pp[j] += h;
    pm[j] -= h;
    EXPECT_NEAR(d, (vk(pp) - vk(pm)) / (2 * h), 1e-6);
  }
  v4 a = {0.5, -2.0, 1.0, 3.0}, da = {1.0, 0.5, -1.0, 2.0}, out, dout;
  __enzyme_fwddiff((void *)vmul, &a, &da, &out, &dout);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dout[i], 2 * a[i] * da[i] * (i + 1), 1e-12);
  return adj_report();
}
