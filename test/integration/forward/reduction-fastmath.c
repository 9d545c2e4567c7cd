// Forward mode on reductions compiled with -ffast-math (reassociated, vectorized sum and max reductions).
// RUN: %check-program %s -ffast-math
#include "adjoint_test.h"
#include <stdlib.h>

static double sumsq(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

static double maxabs(const double *x, int n) {
  double m = 0.0;
  for (int i = 0; i < n; ++i)
    m = fmax(m, fabs(x[i]));
  return m;
}

#define N 1003

int main(void) {
  double *x = malloc(N * sizeof(double)), *dx = malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i) {
    x[i] = sin(0.37 * i) * (1.0 + 0.001 * i);
    dx[i] = cos(0.11 * i);
  }
  int imax = 0;
  for (int i = 1; i < N; ++i)
    if (fabs(x[i]) > fabs(x[imax]))
      imax = i;
  double d = __enzyme_fwddiff((void *)sumsq, x, dx, N);
  double exact = 0.0;
  for (int i = 0; i < N; ++i)
    exact += 2 * x[i] * dx[i];
  EXPECT_NEAR(d, exact, 1e-10);
  double m = __enzyme_fwddiff((void *)maxabs, x, dx, N);
  EXPECT_NEAR(m, (x[imax] > 0 ? 1.0 : -1.0) * dx[imax], 1e-12);
  free(x);
  free(dx);
  return adj_report();
}
