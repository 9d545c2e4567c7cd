// Reverse mode through noinline helpers called inside loops: a scalar helper whose result is
// carried to the next iteration (a chain r = h(r, x_i)), a helper that updates a two-element
// state array in place each time step (pendulum, explicit Euler with forcing u_k), and a
// helper called in a nested loop with an index-dependent constant argument. Finite
// differences and one analytic value.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 8
__attribute__((noinline)) static double smooth(double a, double b) {
  return a * b / (1.0 + a * a) + b;
}
__attribute__((noinline)) static void step(double *s, double u, double dt) {
  double v = s[1];
  s[1] += dt * (-sin(s[0]) + u);
  s[0] += dt * v;
}
__attribute__((noinline)) static double kern(double a, double b, double c) {
  return exp(-c * (a - b) * (a - b));
}

static double chain(const double *x) {
  double r = 1.0;
  for (int i = 0; i < N; ++i)
    r = smooth(r, x[i]);
  return r;
}
static double sim(const double *u) {
  double s[2] = {0.3, 0.0};
  for (int k = 0; k < N; ++k)
    step(s, u[k], 0.1);
  return s[0] * s[0] + s[1];
}
static double pairs(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      s += kern(x[i], x[j], 0.5 + 0.1 * j);
  return s;
}

int main(void) {
  double x[N] = {0.2, -0.5, 0.8, 1.1, -0.3, 0.6, 0.05, -0.9};
  double d[N] = {0};
  __enzyme_autodiff((void *)chain, x, d);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(chain, x, N, i), 1e-6);
  /* the last step: d r / d x_{N-1} = r'/(1 + r'^2) + 1 with r' the previous r */
  double rp = 1.0;
  for (int i = 0; i < N - 1; ++i)
    rp = smooth(rp, x[i]);
  EXPECT_NEAR(d[N - 1], rp / (1 + rp * rp) + 1, 1e-14);

  double du[N] = {0};
  __enzyme_autodiff((void *)sim, x, du);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(du[i], rev_fd_vec(sim, x, N, i), 1e-6);
  EXPECT_NEAR(du[N - 1], 0.1, 1e-14); /* the last forcing reaches only s[1] */

  double dk[N] = {0};
  __enzyme_autodiff((void *)pairs, x, dk);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dk[i], rev_fd_vec(pairs, x, N, i), 1e-6);
  return adj_report();
}
