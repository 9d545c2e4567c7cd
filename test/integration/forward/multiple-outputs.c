// Forward mode on a function with a return value and two separate output pointers (a double and an array).
// RUN: %check-program %s
#include "adjoint_test.h"

/* statistics of a sample: returns the mean, writes the variance and the normalised sample */
static double stats(const double *x, int n, double *var, double *z) {
  double m = 0.0;
  for (int i = 0; i < n; ++i)
    m += x[i];
  m /= n;
  double v = 0.0;
  for (int i = 0; i < n; ++i)
    v += (x[i] - m) * (x[i] - m);
  v /= n - 1;
  *var = v;
  double sd = sqrt(v);
  for (int i = 0; i < n; ++i)
    z[i] = (x[i] - m) / sd;
  return m;
}

#define N 6

int main(void) {
  double x[N] = {1.0, 2.5, -0.5, 3.0, 0.7, 1.8};
  double dx[N] = {0.3, -1.0, 0.5, 0.0, 2.0, -0.4};
  double var, dvar = -5.0, z[N], dz[N];
  double dm = __enzyme_fwddiff((void *)stats, enzyme_dup, x, dx, N, enzyme_dup, &var, &dvar,
                               enzyme_dup, z, dz);
  double sdx = 0;
  for (int i = 0; i < N; ++i)
    sdx += dx[i];
  EXPECT_NEAR(dm, sdx / N, 1e-12);
  double xp[N], xm[N], h = 1e-6, vp, vm, zp[N], zm[N];
  for (int i = 0; i < N; ++i) {
    xp[i] = x[i] + h * dx[i];
    xm[i] = x[i] - h * dx[i];
  }
  double mp = stats(xp, N, &vp, zp), mm = stats(xm, N, &vm, zm);
  EXPECT_NEAR(dm, (mp - mm) / (2 * h), 1e-6);
  EXPECT_NEAR(dvar, (vp - vm) / (2 * h), 1e-6);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dz[i], (zp[i] - zm[i]) / (2 * h), 1e-6);
  /* analytic variance tangent: 2/(n-1) sum (x_i - m)(dx_i - dm) */
  double m = stats(x, N, &var, z), e = 0;
  for (int i = 0; i < N; ++i)
    e += 2.0 / (N - 1) * (x[i] - m) * (dx[i] - dm);
  EXPECT_NEAR(dvar, e, 1e-12);
  return adj_report();
}
