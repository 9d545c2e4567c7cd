// Forward mode through a heap temporary: malloc'd scratch buffer written and read, then freed.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

/* smooth the input into a temporary, then return a weighted sum of squares */
static double smooth_energy(const double *x, int n) {
  double *t = (double *)malloc(n * sizeof(double));
  for (int i = 0; i < n; ++i) {
    double l = x[i > 0 ? i - 1 : 0], r = x[i < n - 1 ? i + 1 : n - 1];
    t[i] = 0.25 * l + 0.5 * x[i] + 0.25 * r;
  }
  double e = 0.0;
  for (int i = 0; i < n; ++i)
    e += (i + 1) * t[i] * t[i];
  free(t);
  return e;
}

#define N 7
static double x0[N] = {0.2, -0.4, 1.0, 0.5, -1.1, 0.3, 0.8};
static int g_j;
static double along(double s) {
  double x[N];
  for (int i = 0; i < N; ++i)
    x[i] = x0[i] + (i == g_j ? s : 0.0);
  return smooth_energy(x, N);
}

int main(void) {
  for (g_j = 0; g_j < N; ++g_j) {
    double dx[N] = {0};
    dx[g_j] = 1.0;
    double d = __enzyme_fwddiff((void *)smooth_energy, x0, dx, N);
    EXPECT_NEAR(d, adj_fd(along, 0.0), 1e-6);
  }
  /* directional derivative along a dense direction */
  double dx[N] = {1, -1, 0.5, 2, 0, -0.3, 1};
  double d = __enzyme_fwddiff((void *)smooth_energy, x0, dx, N);
  double h = 1e-6, xp[N], xm[N];
  for (int i = 0; i < N; ++i) {
    xp[i] = x0[i] + h * dx[i];
    xm[i] = x0[i] - h * dx[i];
  }
  EXPECT_NEAR(d, (smooth_energy(xp, N) - smooth_energy(xm, N)) / (2 * h), 1e-6);
  return adj_report();
}
