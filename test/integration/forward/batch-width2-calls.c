// Batch forward mode (width 2) through helper calls, a heap temporary, a loop with a data-dependent exit and recursion.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

typedef struct {
  double d[2];
} vec2;
vec2 __enzyme_fwddiff_v2(void *, ...);

__attribute__((noinline)) static double smooth(double v) { return v / (1.0 + v * v); }

static double power_rec(double x, int n) { return n == 0 ? 1.0 : x * power_rec(x, n - 1); }

static double kernel(const double *x, int n) {
  double *t = (double *)malloc(n * sizeof(double));
  for (int i = 0; i < n; ++i)
    t[i] = smooth(x[i]) + power_rec(x[i], 3);
  double s = 0.0;
  int i = 0;
  while (i < n && s < 100.0)
    s += t[i++];
  free(t);
  return s;
}

#define N 4

int main(void) {
  double x[N] = {0.5, -1.0, 1.5, 0.25};
  double d0[N] = {1, 0, 1, 0}, d1[N] = {0, 2, 0, -1};
  vec2 r = __enzyme_fwddiff_v2((void *)kernel, enzyme_width, 2, enzyme_dup, x, d0, d1, N);
  for (int k = 0; k < 2; ++k) {
    const double *dx = k ? d1 : d0;
    double exact = 0.0;
    for (int i = 0; i < N; ++i) {
      double v = x[i];
      exact += ((1 - v * v) / ((1 + v * v) * (1 + v * v)) + 3 * v * v) * dx[i];
    }
    EXPECT_NEAR(r.d[k], exact, 1e-12);
    double xp[N], xm[N], h = 1e-6;
    for (int i = 0; i < N; ++i) {
      xp[i] = x[i] + h * dx[i];
      xm[i] = x[i] - h * dx[i];
    }
    EXPECT_NEAR(r.d[k], (kernel(xp, N) - kernel(xm, N)) / (2 * h), 1e-6);
  }
  return adj_report();
}
