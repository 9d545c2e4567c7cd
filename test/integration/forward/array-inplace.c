// Forward mode on an in-place array update (the same buffer is read and written).
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 6

/* in-place prefix product then normalisation by the last element, then returns the sum */
static double inplace(double *a) {
  for (int i = 1; i < N; ++i)
    a[i] *= a[i - 1];
  double last = a[N - 1];
  for (int i = 0; i < N; ++i)
    a[i] /= last;
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += a[i];
  return s;
}

int main(void) {
  const double x0[N] = {1.1, 0.9, 1.3, 0.7, 1.6, 1.2};
  for (int j = 0; j < N; ++j) {
    double a[N], da[N] = {0};
    for (int i = 0; i < N; ++i)
      a[i] = x0[i];
    da[j] = 1.0;
    double ds = __enzyme_fwddiff((void *)inplace, a, da);
    /* finite differences on every output element and on the return */
    double ap[N], am[N], h = 1e-6;
    for (int i = 0; i < N; ++i)
      ap[i] = am[i] = x0[i];
    ap[j] += h;
    am[j] -= h;
    double sp = inplace(ap), sm = inplace(am);
    EXPECT_NEAR(ds, (sp - sm) / (2 * h), 1e-6);
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(da[i], (ap[i] - am[i]) / (2 * h), 1e-6);
    /* analytic: a[i] = prod_{k<=i} x_k / prod_{k<N} x_k = 1 / prod_{k>i} x_k */
    for (int i = 0; i < N; ++i) {
      double q = 1.0;
      for (int k = i + 1; k < N; ++k)
        q *= x0[k];
      double exact = j > i ? -(1.0 / q) / x0[j] : 0.0;
      EXPECT_NEAR(da[i], exact, 1e-12);
    }
  }
  return adj_report();
}
