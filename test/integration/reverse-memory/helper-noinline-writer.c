// Reverse mode through calls that cannot be inlined (noinline) and that write through
// pointers: a helper that writes an output array, called in a loop on successive stages of a
// local buffer; a helper that updates an array in place and returns a value; and a helper
// with an active scalar argument called with different pointers into one array. The callee's
// augmented forward and reverse functions run per call. Finite differences and analytic.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
__attribute__((noinline)) static void smooth(const double *in, double *out, int n) {
  for (int i = 0; i < n; ++i)
    out[i] = 0.5 * in[i] + 0.25 * (in[(i + 1) % n] + in[(i + n - 1) % n]) + 0.1 * in[i] * in[i];
}
__attribute__((noinline)) static double upd(double *v, int n, double a) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    v[i] = a * sin(v[i]);
    s += v[i];
  }
  return s;
}
static double stages(const double *x, int n, int iters) {
  double a[N], b[N];
  smooth(x, a, n);
  for (int t = 0; t < iters; ++t) {
    smooth(a, b, n);
    smooth(b, a, n);
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * a[i];
  return s;
}
/* in-place updates of two halves with different scalars, then a read */
static double halves(double *x, double a) {
  double s = upd(x, 2, a) + upd(x + 2, 3, 2.0 * a);
  for (int i = 0; i < N; ++i)
    s += x[i] * x[i];
  return s;
}
static double stages_n(double *x) { return stages(x, N, 3); }
static double A = 0.8;
static double halves_n(double *x) { return halves(x, A); }

int main(void) {
  double x[N] = {0.2, -0.6, 0.9, 0.4, -0.1}, dx[N] = {0};
  __enzyme_autodiff((void *)stages, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, 3);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(stages_n, x, N, i), 1e-6);

  double z[N], dz[N] = {0};
  memcpy(z, x, sizeof z);
  double da = __enzyme_autodiff((void *)halves, enzyme_dup, z, dz, A);
  double want_a = 0;
  for (int i = 0; i < N; ++i) {
    double c = i < 2 ? A : 2 * A, dc = i < 2 ? 1 : 2, v = c * sin(x[i]);
    /* s gets v + v^2 per element */
    EXPECT_NEAR(dz[i], (1 + 2 * v) * c * cos(x[i]), 1e-14);
    EXPECT_NEAR(dz[i], rm_fd(halves_n, x, N, i), 1e-6);
    want_a += (1 + 2 * v) * dc * sin(x[i]);
  }
  EXPECT_NEAR(da, want_a, 1e-14);
  return adj_report();
}
