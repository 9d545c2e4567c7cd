// Split reverse mode (__enzyme_augmentfwd, then __enzyme_reverse with the tape) through
// memory outputs: a void function writing two output arrays (the caller seeds both shadows
// between the calls), and a function that updates an output in place from its old contents
// (y = a*y + x^2, the shadow of y ends holding the adjoint of y's initial contents) while
// also returning a value whose adjoint is passed to the reverse call. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "../reverse/Inputs/split.h"

#define N 5
static void two_outs(const double *x, double *u, double *v) {
  for (int i = 0; i < N; ++i) {
    u[i] = sin(x[i]) * x[(i + 1) % N];
    v[i] = x[i] * x[i] * x[i];
  }
}
/* y_i <- a y_i + x_i^2; returns sum y_i (new) * x_i */
static double update(const double *x, double *y, double a) {
  double s = 0;
  for (int i = 0; i < N; ++i) {
    y[i] = a * y[i] + x[i] * x[i];
    s += y[i] * x[i];
  }
  return s;
}

int main(void) {
  double x[N] = {0.2, -0.5, 0.9, 1.3, -1.1};
  double u[N], v[N], du[N] = {0}, dv[N] = {0}, dx[N] = {0};
  void *tape = __enzyme_augmentfwd((void *)two_outs, x, dx, u, du, v, dv);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(u[i], sin(x[i]) * x[(i + 1) % N], 1e-15);
    du[i] = 1.0 + i;
    dv[i] = 0.5 - i;
  }
  __enzyme_reverse((void *)two_outs, x, dx, u, du, v, dv, tape);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N;
    double want = (1.0 + i) * cos(x[i]) * x[(i + 1) % N] + (1.0 + p) * sin(x[p]) +
                  (0.5 - i) * 3 * x[i] * x[i];
    EXPECT_NEAR(dx[i], want, 1e-14);
    EXPECT_NEAR(du[i], 0, 0);
    EXPECT_NEAR(dv[i], 0, 0);
  }

  double y[N] = {1.0, -2.0, 0.5, 0.25, 3.0}, y0[N], dy[N] = {0}, gx[N] = {0};
  memcpy(y0, y, sizeof y);
  double a = 0.7;
  Aug r = __enzyme_augmentfwd_r((void *)update, x, gx, y, dy, a);
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += (a * y0[i] + x[i] * x[i]) * x[i];
  EXPECT_NEAR(r.y, s, 1e-14);
  for (int i = 0; i < N; ++i)
    dy[i] = 0.5 * i; /* an adjoint on y's final contents too */
  double ra = 2.0;   /* the adjoint of the result */
  double da = __enzyme_reverse_d((void *)update, x, gx, y, dy, a, ra, r.tape);
  double want_a = 0;
  for (int i = 0; i < N; ++i) {
    double ybar = 0.5 * i + ra * x[i]; /* adjoint of the new y_i */
    EXPECT_NEAR(dy[i], a * ybar, 1e-14);
    EXPECT_NEAR(gx[i], ra * (a * y0[i] + x[i] * x[i]) + ybar * 2 * x[i], 1e-13);
    want_a += ybar * y0[i];
  }
  EXPECT_NEAR(da, want_a, 1e-13);
  return adj_report();
}
