// Batch forward mode (width 2) mixing dup, const and dupnoneed arguments, scalars and pointers in one call.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double d[2];
} vec2;
vec2 __enzyme_fwddiff_v2(void *, ...);

/* out[i] = a * sin(x[i]) + w[i] * b; returns sum out[i]^2 */
static double model(double a, const double *x, const double *w, double b, double *out, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    out[i] = a * sin(x[i]) + w[i] * b;
    s += out[i] * out[i];
  }
  return s;
}

#define N 3

int main(void) {
  double x[N] = {0.2, 1.0, -0.6}, w[N] = {1.0, 0.5, 2.0};
  double dx0[N] = {1, 0, 0}, dx1[N] = {0, 1, 1};
  double out[N], dout0[N], dout1[N];
  double a = 1.3, b = -0.4;
  /* lane 0: da = 1 and dx = e0; lane 1: da = 0 and dx = e1 + e2; w and b constant */
  vec2 r = __enzyme_fwddiff_v2((void *)model, enzyme_width, 2, enzyme_dup, a, 1.0, 0.0,
                               enzyme_dup, x, dx0, dx1, enzyme_const, w, enzyme_const, b,
                               enzyme_dupnoneed, out, dout0, dout1, N);
  for (int k = 0; k < 2; ++k) {
    double da = k == 0 ? 1.0 : 0.0;
    const double *dx = k == 0 ? dx0 : dx1;
    const double *dout = k == 0 ? dout0 : dout1;
    double ds = 0.0;
    for (int i = 0; i < N; ++i) {
      double o = a * sin(x[i]) + w[i] * b;
      double dox = da * sin(x[i]) + a * cos(x[i]) * dx[i];
      EXPECT_NEAR(dout[i], dox, 1e-12);
      ds += 2 * o * dox;
    }
    EXPECT_NEAR(r.d[k], ds, 1e-12);
  }
  return adj_report();
}
