// Reverse mode with long double (x86_fp80) arrays: a long double input array read through a
// duplicated pointer (its shadow a long double array), an output array written with the
// caller seeding its shadow, an in-place update, and a local long double array. Checked to
// long double precision against analytic values and against finite differences.
// valgrind: skip (valgrind computes x87 long double in double precision, and the checks
// hold long double precision)
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
static long double energy(const long double *x, int n) {
  long double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * x[i] + sinl(x[i]) * x[(i + 1) % n];
  return s;
}
static void outs(const long double *x, long double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = expl(x[i]) * x[i];
}
static long double inplace(long double *x, int n) {
  long double loc[N];
  for (int i = 0; i < n; ++i) {
    x[i] = x[i] * x[i];
    loc[i] = sqrtl(x[i] + 1.0L);
  }
  long double s = 0;
  for (int i = 0; i < n; ++i)
    s += loc[i] * x[(i + 2) % n];
  return s;
}

int main(void) {
  long double x[N] = {0.3L, -0.7L, 1.1L, 0.45L, -1.3L}, dx[N] = {0};
  __enzyme_autodiff((void *)energy, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    long double want = 3 * x[i] * x[i] + cosl(x[i]) * x[(i + 1) % N] + sinl(x[(i + N - 1) % N]);
    EXPECT_NEAR((double)((dx[i] - want) * 1e17L), 0.0, 1.0); /* |error| <= 1e-17: below double's */
    long double xp[N], xm[N], h = 1e-7L;
    memcpy(xp, x, sizeof xp);
    memcpy(xm, x, sizeof xm);
    xp[i] += h;
    xm[i] -= h;
    EXPECT_NEAR((double)dx[i], (double)((energy(xp, N) - energy(xm, N)) / (2 * h)), 1e-8);
  }

  long double y[N], dy[N], gx[N] = {0};
  for (int i = 0; i < N; ++i)
    dy[i] = 1.0L + i;
  __enzyme_autodiff((void *)outs, enzyme_dup, x, gx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR((double)gx[i], (double)((1.0L + i) * expl(x[i]) * (1 + x[i])), 1e-15);
    EXPECT_NEAR((double)dy[i], 0.0, 0.0);
  }

  long double z[N], dz[N] = {0};
  memcpy(z, x, sizeof z);
  __enzyme_autodiff((void *)inplace, enzyme_dup, z, dz, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    /* s = sum_i sqrt(x_i^2 + 1) x_{i+2}^2 (x the initial values) */
    long double q = x[j] * x[j], xm2 = x[(j + N - 2) % N];
    long double want = x[j] / sqrtl(q + 1) * x[(j + 2) % N] * x[(j + 2) % N] +
                       sqrtl(xm2 * xm2 + 1) * 2 * x[j];
    EXPECT_NEAR((double)((dz[j] - want) * 1e17L), 0.0, 1.0);
  }
  return adj_report();
}
