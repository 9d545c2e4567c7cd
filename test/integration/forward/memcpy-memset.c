// Forward mode through memcpy of active data and memset of a buffer that is then filled.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

#define N 8

/* copy x into a local buffer, zero a second buffer with memset and accumulate into it,
 * then memcpy the result out */
static void kernel(const double *x, double *y) {
  double a[N], b[N];
  memcpy(a, x, sizeof a);
  memset(b, 0, sizeof b);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j <= i; ++j)
      b[i] += a[j] * a[i - j];
  memcpy(y, b, sizeof b);
}

int main(void) {
  double x[N] = {0.5, -0.2, 1.1, 0.3, -0.8, 0.9, 0.1, -0.6};
  double dx[N] = {1.0, 0.5, -0.3, 0.0, 2.0, -1.0, 0.25, 0.75};
  double y[N], dy[N];
  memset(dy, 0x7f, sizeof dy); /* garbage in the output shadow: must be overwritten */
  __enzyme_fwddiff((void *)kernel, enzyme_dup, x, dx, enzyme_dup, y, dy);
  double xp[N], xm[N], yp[N], ym[N], h = 1e-6;
  for (int i = 0; i < N; ++i) {
    xp[i] = x[i] + h * dx[i];
    xm[i] = x[i] - h * dx[i];
  }
  kernel(xp, yp);
  kernel(xm, ym);
  for (int i = 0; i < N; ++i) {
    /* y_i = sum_j x_j x_{i-j}  =>  dy_i = 2 sum_j dx_j x_{i-j} */
    double exact = 0.0;
    for (int j = 0; j <= i; ++j)
      exact += 2.0 * dx[j] * x[i - j];
    EXPECT_NEAR(dy[i], exact, 1e-12);
    EXPECT_NEAR(dy[i], (yp[i] - ym[i]) / (2 * h), 1e-6);
  }
  return adj_report();
}
