// Forward mode through long elementwise loops the -O3 vectorizer widens: vector sqrt, fabs, fmin, conditional selects.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

static void elementwise(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double v = x[i];
    double r = v > 0.0 ? v * v : -0.5 * v; /* vector select */
    y[i] = sqrt(fabs(v) + 1.0) + fmin(r, 2.0);
  }
}

/* interleaved (AoS) complex array: |z_i|^2 summed, strided loads get shuffled */
static double cnorm(const double *z, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += z[2 * i] * z[2 * i] + 3.0 * z[2 * i + 1] * z[2 * i + 1];
  return s;
}

#define N 1001

int main(void) {
  double *x = malloc(N * sizeof(double)), *dx = malloc(N * sizeof(double));
  double *y = malloc(N * sizeof(double)), *dy = malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i) {
    x[i] = 3.0 * sin(0.7 * i + 0.1);
    dx[i] = cos(0.3 * i);
  }
  __enzyme_fwddiff((void *)elementwise, x, dx, y, dy, N);
  for (int i = 0; i < N; ++i) {
    double v = x[i], s = v > 0 ? 1.0 : -1.0;
    double r = v > 0 ? v * v : -0.5 * v, dr = v > 0 ? 2 * v : -0.5;
    double exact = s / (2 * sqrt(fabs(v) + 1.0)) + (r < 2.0 ? dr : 0.0);
    EXPECT_NEAR(dy[i], exact * dx[i], 1e-12);
  }
  double *z = malloc(2 * N * sizeof(double)), *dz = malloc(2 * N * sizeof(double));
  double exact = 0.0;
  for (int i = 0; i < 2 * N; ++i) {
    z[i] = sin(0.01 * i);
    dz[i] = (i % 3) - 1.0;
    exact += (i % 2 ? 6.0 : 2.0) * z[i] * dz[i];
  }
  double d = __enzyme_fwddiff((void *)cnorm, z, dz, N);
  EXPECT_NEAR(d, exact, 1e-10);
  free(x), free(dx), free(y), free(dy), free(z), free(dz);
  return adj_report();
}
