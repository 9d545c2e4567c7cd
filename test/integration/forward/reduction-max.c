// Forward mode through an fmax/fmin reduction over an array: the tangent follows the winning element.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 9

static double range(const double *a) {
  double hi = a[0], lo = a[0];
  for (int i = 1; i < N; ++i) {
    hi = fmax(hi, a[i]);
    lo = fmin(lo, a[i]);
  }
  return hi - lo;
}

/* soft max via log-sum-exp, shifted by the hard max for stability */
static double lse(const double *a) {
  double m = a[0];
  for (int i = 1; i < N; ++i)
    m = fmax(m, a[i]);
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += exp(a[i] - m);
  return m + log(s);
}

int main(void) {
  double a[N] = {0.3, -1.2, 2.5, 0.9, -0.4, 1.7, -2.1, 0.0, 2.2};
  int imax = 2, imin = 6;
  double se = 0.0;
  for (int i = 0; i < N; ++i)
    se += exp(a[i]);
  for (int j = 0; j < N; ++j) {
    double da[N] = {0};
    da[j] = 1.0;
    double d = __enzyme_fwddiff((void *)range, a, da);
    EXPECT_NEAR(d, (j == imax) - (double)(j == imin), 1e-15);
    double e = __enzyme_fwddiff((void *)lse, a, da);
    EXPECT_NEAR(e, exp(a[j]) / se, 1e-12); /* softmax; the shift by m cancels */
    double ap[N], am[N], h = 1e-6;
    for (int i = 0; i < N; ++i)
      ap[i] = am[i] = a[i];
    ap[j] += h;
    am[j] -= h;
    EXPECT_NEAR(d, (range(ap) - range(am)) / (2 * h), 1e-6);
    EXPECT_NEAR(e, (lse(ap) - lse(am)) / (2 * h), 1e-6);
  }
  return adj_report();
}
