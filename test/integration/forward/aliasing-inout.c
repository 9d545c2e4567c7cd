// Forward mode where the same buffer is passed as both input and output (aliased dup arguments).
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 5

/* y[i] = x[i]^2 + x[N-1-i]; when y == x the reversal reads already-updated entries */
static void mix(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = x[i] * x[i] + x[N - 1 - i];
}

int main(void) {
  const double x0[N] = {0.5, -1.0, 0.25, 2.0, -0.75};
  const double dx0[N] = {1.0, 0.5, -2.0, 0.25, 1.5};
  double a[N], da[N];
  for (int i = 0; i < N; ++i) {
    a[i] = x0[i];
    da[i] = dx0[i];
  }
  __enzyme_fwddiff((void *)mix, a, da, a, da); /* in-place: x and y alias, so do their shadows */
  double ap[N], am[N], h = 1e-6;
  for (int i = 0; i < N; ++i) {
    ap[i] = x0[i] + h * dx0[i];
    am[i] = x0[i] - h * dx0[i];
  }
  mix(ap, ap);
  mix(am, am);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(da[i], (ap[i] - am[i]) / (2 * h), 1e-6);
  /* analytic, replaying the in-place order */
  double v[N], dv[N];
  for (int i = 0; i < N; ++i) {
    v[i] = x0[i];
    dv[i] = dx0[i];
  }
  for (int i = 0; i < N; ++i) {
    double nv = v[i] * v[i] + v[N - 1 - i], ndv = 2 * v[i] * dv[i] + dv[N - 1 - i];
    v[i] = nv;
    dv[i] = ndv;
  }
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(a[i], v[i], 1e-15);
    EXPECT_NEAR(da[i], dv[i], 1e-12);
  }
  return adj_report();
}
