// Reverse mode through memmove: an overlapping shift of an input array inside a local copy
// (a delay line), an overlapping shift in place of a duplicated argument (the shadow ends as
// the adjoint of the initial contents), and a non-overlapping memmove from an argument to a
// local. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 7
/* delay line: each step shifts the buffer right by one and inserts a new value */
static double delay(const double *x, int steps) {
  double buf[N];
  memmove(buf, x, sizeof buf);
  double s = 0;
  for (int t = 0; t < steps; ++t) {
    double in = buf[N - 1] * 0.5 + buf[0] * buf[1];
    memmove(buf + 1, buf, sizeof(double) * (N - 1));
    buf[0] = in;
    s += buf[2] * (t + 1);
  }
  return s;
}
/* in place: x[1..n-1] = x[0..n-2] (overlapping), then x[0] = 0; the caller seeds dx */
static void shift(double *x, int n) {
  memmove(x + 1, x, sizeof(double) * (n - 1));
  x[0] = 0.0;
}
/* shift left by 2 within the argument, then read */
static double shift_left_read(double *x, int n) {
  memmove(x, x + 2, sizeof(double) * (n - 2));
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * (i + 1);
  return s;
}
static double local_move(const double *x) {
  double t[N];
  memmove(t, x, sizeof t);
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += exp(t[i]) * (i % 3);
  return s;
}
static double delay_n(double *x) { return delay(x, 5); }
static double shift_left_n(double *x) { return shift_left_read(x, N); }

int main(void) {
  double x[N] = {0.3, -0.4, 0.8, 0.1, 0.6, -0.7, 0.2}, dx[N] = {0};
  __enzyme_autodiff((void *)delay, enzyme_dup, x, dx, enzyme_const, 5);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(delay_n, x, N, i), 1e-6);

  double z[N], dz[N];
  memcpy(z, x, sizeof z);
  for (int i = 0; i < N; ++i)
    dz[i] = 1.0 + i;
  __enzyme_autodiff((void *)shift, enzyme_dup, z, dz, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(z[i], i ? x[i - 1] : 0.0, 0.0);
    /* initial x_i ends up in x_{i+1}: its adjoint is the seed of i+1; the last is lost */
    EXPECT_NEAR(dz[i], i + 1 < N ? 2.0 + i : 0.0, 0.0);
  }

  double u[N], du[N] = {0};
  memcpy(u, x, sizeof u);
  __enzyme_autodiff((void *)shift_left_read, enzyme_dup, u, du, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    /* final x_i = x_{i+2} for i < n-2; x_{n-2}, x_{n-1} keep their values */
    double want = 0;
    if (j >= 2)
      want += 2 * x[j] * (j - 1);
    if (j >= N - 2)
      want += 2 * x[j] * (j + 1);
    EXPECT_NEAR(du[j], want, 1e-14);
    EXPECT_NEAR(du[j], rm_fd(shift_left_n, x, N, j), 1e-6);
  }

  double g[N] = {0};
  __enzyme_autodiff((void *)local_move, enzyme_dup, x, g);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(g[i], exp(x[i]) * (i % 3), 1e-14);
  return adj_report();
}
