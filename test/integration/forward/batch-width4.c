// Batch forward mode with enzyme_width 4: a full 4x4 Jacobian of an array map in one call.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 4

/* softmax-like normalised exponentials: y_i = exp(x_i) / sum_j exp(x_j) */
static void softmax(const double *x, double *y) {
  double s = 0.0;
  for (int i = 0; i < N; ++i) {
    y[i] = exp(x[i]);
    s += y[i];
  }
  for (int i = 0; i < N; ++i)
    y[i] /= s;
}

typedef struct {
  double d[4];
} vec4;
vec4 __enzyme_fwddiff_v4(void *, ...);

static double poly(double x) { return x * x * x - 2 * x; }

int main(void) {
  double x[N] = {0.1, -0.7, 1.2, 0.4};
  double e[N][N] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  double y[N], J[N][N];
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      J[i][j] = -7.0;
  __enzyme_fwddiff((void *)softmax, enzyme_width, 4, enzyme_dup, x, e[0], e[1], e[2], e[3],
                   enzyme_dup, y, J[0], J[1], J[2], J[3]);
  /* J[k] is the output tangent for direction k: J[k][i] = dy_i/dx_k = y_i (delta_ik - y_k) */
  for (int k = 0; k < N; ++k)
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(J[k][i], y[i] * ((i == k) - y[k]), 1e-12);
  double h = 1e-6;
  for (int k = 0; k < N; ++k) {
    double xp[N], xm[N], yp[N], ym[N];
    for (int i = 0; i < N; ++i)
      xp[i] = xm[i] = x[i];
    xp[k] += h;
    xm[k] -= h;
    softmax(xp, yp);
    softmax(xm, ym);
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(J[k][i], (yp[i] - ym[i]) / (2 * h), 1e-6);
  }
  /* scalar return in width 4: four tangent seeds of one input */
  vec4 r = __enzyme_fwddiff_v4((void *)poly, enzyme_width, 4, 1.5, 1.0, 2.0, -1.0, 0.0);
  const double seeds[4] = {1.0, 2.0, -1.0, 0.0};
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(r.d[k], seeds[k] * (3 * 1.5 * 1.5 - 2), 1e-12);
  return adj_report();
}
