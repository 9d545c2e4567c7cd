// Batched forward mode (enzyme_width 4, shadows given by enzyme_dupv) through
// BLAS routines: the library's forward rule runs once per lane, before the
// routine overwrites its input (scal here). Lane k's tangent is the
// directional derivative along direction k, checked against the analytic
// gradient of f(x, y) = (2 A x) . y.
// link: -lopenblas
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cblas.h>

typedef struct { double d[4]; } D4;
extern D4 __enzyme_fwddiff_w4(void *, ...);

static const double A[6] = {1.0, -0.5, 2.0, 0.25, 1.5, -1.0}; /* 2 x 3, row-major */

/* f = (A (2x)) . y with x of 3 and y of 2 elements */
static double f(double *x, const double *y) {
  double ax[2];
  cblas_dscal(3, 2.0, x, 1);
  cblas_dgemv(CblasRowMajor, CblasNoTrans, 2, 3, 1.0, A, 3, x, 1, 0.0, ax, 1);
  return cblas_ddot(2, ax, 1, y, 1);
}

int main(void) {
  double x0[3] = {0.3, -1.1, 0.7}, y[2] = {0.9, -0.4};
  /* four directions over (x, y), stored lane after lane */
  double dx[12], dy[8];
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i < 3; ++i)
      dx[3 * k + i] = sin(1.0 + k + 2.0 * i);
    for (int i = 0; i < 2; ++i)
      dy[2 * k + i] = cos(0.5 + k - i);
  }
  double x[3] = {x0[0], x0[1], x0[2]};
  D4 t = __enzyme_fwddiff_w4((void *)f, enzyme_width, 4, enzyme_dupv, 3 * sizeof(double), x, dx,
                             enzyme_dupv, 2 * sizeof(double), y, dy);
  for (int k = 0; k < 4; ++k) {
    /* df = 2 (A^T y) . dx + 2 (A x0) . dy */
    double want = 0;
    for (int i = 0; i < 3; ++i)
      /* scal scaled the tangents too: dx now holds 2 dx, the tangent of 2 x */
      want += 2 * (A[i] * y[0] + A[3 + i] * y[1]) * dx[3 * k + i] / 2;
    for (int r = 0; r < 2; ++r)
      want += 2 * (A[3 * r] * x0[0] + A[3 * r + 1] * x0[1] + A[3 * r + 2] * x0[2]) * dy[2 * k + r];
    EXPECT_NEAR(t.d[k], want, 1e-13);
  }
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(x[i], 2 * x0[i], 0); /* the primal ran once */
  return adj_report();
}
