// Reverse mode of loops the -O3 vectorizer turns into vector code (built with -ffast-math so FP reductions vectorize): sum of x_i^2 exp(-x_i) and a weighted float reduction.
// RUN: %check-program %s -ffast-math
#include "Inputs/rev_fd.h"

static double red(const double *x, const double *w, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += w[i] * x[i] * x[i] + 0.5 * x[i];
  return s * s;
}
static float redf(const float *x, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * x[i];
  return s;
}
/* elementwise math then a reduction (vector sqrt; no libm calls to vectorize) */
static double rms(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += sqrt(1.0 + x[i] * x[i]);
  return s;
}

#define N 1003 /* not a multiple of the vector width: remainder loop */
static double W[N];
static double g(const double *x) { return red(x, W, N); }

int main(void) {
  static double x[N], dx[N];
  static float xf[N], dxf[N];
  for (int i = 0; i < N; ++i) {
    x[i] = sin(0.01 * i) * 0.7;
    W[i] = 1.0 + 0.001 * i;
    xf[i] = (float)(cos(0.02 * i));
    dx[i] = 0.0;
    dxf[i] = 0.0f;
  }
  __enzyme_autodiff((void *)red, enzyme_dup, x, dx, enzyme_const, W, N);
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += W[i] * x[i] * x[i] + 0.5 * x[i];
  for (int i = 0; i < N; i += 1) {
    EXPECT_NEAR(dx[i], 2 * s * (2 * W[i] * x[i] + 0.5), 1e-9);
    if (i % 97 == 0)
      EXPECT_NEAR(dx[i], rev_fd_vec_h(g, x, N, i, 1e-5), 1e-6);
  }
  __enzyme_autodiff((void *)redf, enzyme_dup, xf, dxf, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dxf[i], 3.0 * xf[i] * xf[i], 1e-6);
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)rms, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], x[i] / sqrt(1.0 + x[i] * x[i]), 1e-12);
  return adj_report();
}
