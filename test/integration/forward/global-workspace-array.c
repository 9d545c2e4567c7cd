// Forward mode where the kernel uses a mutable global array as scratch space for active intermediates.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 6
static double work[N]; /* global scratch: holds active values during the call */

static double prefix_energy(const double *x) {
  work[0] = x[0];
  for (int i = 1; i < N; ++i)
    work[i] = work[i - 1] * 0.5 + x[i] * x[i];
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += sqrt(1.0 + work[i] * work[i]);
  return s;
}

int main(void) {
  double x[N] = {0.3, -0.8, 1.1, 0.4, -0.2, 0.9};
  for (int j = 0; j < N; ++j) {
    double dx[N] = {0};
    dx[j] = 1.0;
    double d = __enzyme_fwddiff((void *)prefix_energy, x, dx);
    double xp[N], xm[N], h = 1e-6;
    for (int i = 0; i < N; ++i)
      xp[i] = xm[i] = x[i];
    xp[j] += h;
    xm[j] -= h;
    EXPECT_NEAR(d, (prefix_energy(xp) - prefix_energy(xm)) / (2 * h), 1e-6);
    /* analytic */
    double w = 0, dw = 0, e = 0;
    for (int i = 0; i < N; ++i) {
      if (i == 0) {
        w = x[0];
        dw = j == 0;
      } else {
        dw = 0.5 * dw + (i == j ? 2 * x[i] : 0.0);
        w = 0.5 * w + x[i] * x[i];
      }
      e += w * dw / sqrt(1 + w * w);
    }
    EXPECT_NEAR(d, e, 1e-12);
  }
  return adj_report();
}
