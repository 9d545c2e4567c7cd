// Batch forward mode with enzyme_dupv: one shadow base pointer whose lanes are a byte stride apart.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 3
#define W 3

typedef struct {
  double d[3];
} vec3;
vec3 __enzyme_fwddiff_v3(void *, ...);

static double quad(const double *x) {
  /* x^T A x with a fixed symmetric A */
  static const double A[N][N] = {{2.0, 0.5, 0.0}, {0.5, 1.0, -0.3}, {0.0, -0.3, 3.0}};
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      s += x[i] * A[i][j] * x[j];
  return s;
}

static void cube(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = x[i] * x[i] * x[i];
}

int main(void) {
  static const double A[N][N] = {{2.0, 0.5, 0.0}, {0.5, 1.0, -0.3}, {0.0, -0.3, 3.0}};
  double x[N] = {0.4, -1.1, 0.6};
  /* W identity directions stored contiguously: lane k starts at seeds + k*N doubles */
  double seeds[W * N] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  vec3 g = __enzyme_fwddiff_v3((void *)quad, enzyme_width, W, enzyme_dupv,
                               (long)(N * sizeof(double)), x, seeds);
  for (int k = 0; k < N; ++k) {
    double exact = 0.0;
    for (int j = 0; j < N; ++j)
      exact += 2 * A[k][j] * x[j];
    EXPECT_NEAR(g.d[k], exact, 1e-12);
  }
  /* output shadows through dupv too: lanes padded to a stride of 4 doubles */
  double dx[W * 4] = {1, 0, 0, -9, 0, 1, 0, -9, 0.5, 0.5, 0.5, -9};
  double y[N], dy[W * 4];
  for (int i = 0; i < W * 4; ++i)
    dy[i] = 42.0;
  __enzyme_fwddiff((void *)cube, enzyme_width, W, enzyme_dupv, (long)(4 * sizeof(double)), x, dx,
                   enzyme_dupv, (long)(4 * sizeof(double)), y, dy);
  for (int k = 0; k < W; ++k) {
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(dy[k * 4 + i], 3 * x[i] * x[i] * dx[k * 4 + i], 1e-12);
    EXPECT_NEAR(dy[k * 4 + 3], 42.0, 0.0); /* padding untouched */
  }
  return adj_report();
}
