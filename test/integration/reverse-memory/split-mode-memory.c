// Split reverse mode (__enzyme_augmentfwd returns the tape, __enzyme_reverse consumes it)
// through memory: a function that writes an output array and returns a value (the output
// shadow is seeded between the two calls, the result's adjoint passed to the reverse call);
// a function that overwrites its input in place (the tape must keep the old values); and a
// struct read through a pointer with an active scalar. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "../reverse/Inputs/split.h"

#define N 5
static double outs(const double *x, double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = x[i] * x[(i + 1) % n];
    s += exp(x[i]);
  }
  return s;
}
static double inplace(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = sin(x[i]) * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
typedef struct {
  double c[3];
  int n;
} Poly;
static double peval(const Poly *p, double t) {
  double s = 0;
  for (int k = p->n - 1; k >= 0; --k)
    s = s * t + p->c[k];
  return s;
}
static double inplace_n(double *x) { return inplace(x, N); }

int main(void) {
  double x[N] = {0.3, -0.6, 0.9, 0.2, -1.1}, dx[N] = {0}, y[N], dy[N] = {0};
  double w[N] = {1, 2, -1, 0.5, 3};
  Aug a = __enzyme_augmentfwd_r((void *)outs, x, dx, y, dy, enzyme_const, N);
  double s = 0;
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], x[i] * x[(i + 1) % N], 1e-15);
    s += exp(x[i]);
    dy[i] = w[i];
  }
  EXPECT_NEAR(a.y, s, 1e-14);
  __enzyme_reverse((void *)outs, x, dx, y, dy, enzyme_const, N, 0.5, a.tape);
  for (int i = 0; i < N; ++i) {
    double want = 0.5 * exp(x[i]) + w[i] * x[(i + 1) % N] + w[(i + N - 1) % N] * x[(i + N - 1) % N];
    EXPECT_NEAR(dx[i], want, 1e-14);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  double x0[N], z[N], dz[N] = {0};
  memcpy(x0, x, sizeof x0);
  memcpy(z, x, sizeof z);
  Aug b = __enzyme_augmentfwd_r((void *)inplace, z, dz, enzyme_const, N);
  EXPECT_NEAR(b.y, inplace_n(x), 1e-14); /* inplace_n works on a copy */
  __enzyme_reverse((void *)inplace, z, dz, enzyme_const, N, 1.0, b.tape);
  for (int i = 0; i < N; ++i) {
    double v = x0[i], u = sin(v) * v;
    EXPECT_NEAR(dz[i], 2 * u * (cos(v) * v + sin(v)), 1e-14);
    EXPECT_NEAR(dz[i], rm_fd(inplace_n, x0, N, i), 1e-6);
  }

  Poly p = {{1.0, -2.0, 0.5}, 3}, dp;
  memset(&dp, 0, sizeof dp);
  double t = 1.3;
  Aug c = __enzyme_augmentfwd_r((void *)peval, &p, &dp, t);
  EXPECT_NEAR(c.y, 1.0 - 2.0 * t + 0.5 * t * t, 1e-14);
  double dt = __enzyme_reverse_d((void *)peval, &p, &dp, t, 2.0, c.tape);
  EXPECT_NEAR(dt, 2.0 * (-2.0 + t), 1e-14);
  EXPECT_NEAR(dp.c[0], 2.0, 1e-15);
  EXPECT_NEAR(dp.c[1], 2.0 * t, 1e-15);
  EXPECT_NEAR(dp.c[2], 2.0 * t * t, 1e-14);
  return adj_report();
}
