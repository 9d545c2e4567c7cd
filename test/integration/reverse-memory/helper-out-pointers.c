// Reverse mode through noinline helpers that return results through pointer arguments: a
// polar-to-Cartesian helper writing two locals of the caller, a mean/variance helper writing
// two doubles of a local array, and a helper that writes one output and reads-modifies-writes
// another (*acc += ...). The locals written by the helpers are then combined into the
// result. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
__attribute__((noinline)) static void polar(double r, double th, double *px, double *py) {
  *px = r * cos(th);
  *py = r * sin(th);
}
__attribute__((noinline)) static void stats(const double *v, int n, double *out) {
  double m = 0;
  for (int i = 0; i < n; ++i)
    m += v[i];
  m /= n;
  double var = 0;
  for (int i = 0; i < n; ++i)
    var += (v[i] - m) * (v[i] - m);
  out[0] = m;
  out[1] = var / n;
}
__attribute__((noinline)) static void step(double v, double *sq, double *acc) {
  *sq = v * v;
  *acc += *sq * v;
}

/* r = x0, th = x1: px * py + px = r^2 cos sin + r cos */
static double use_polar(const double *x) {
  double px, py;
  polar(x[0], x[1], &px, &py);
  return px * py + px;
}
/* mean^2 + var */
static double use_stats(const double *x) {
  double o[2];
  stats(x, N, o);
  return o[0] * o[0] + o[1];
}
/* acc = sum x_i^3, last = x_{N-1}^2: acc + last */
static double use_step(const double *x) {
  double acc = 0, sq = 0;
  for (int i = 0; i < N; ++i)
    step(x[i], &sq, &acc);
  return acc + sq;
}

int main(void) {
  double p[2] = {1.3, 0.7}, dp[2] = {0};
  __enzyme_autodiff((void *)use_polar, p, dp);
  double r = p[0], th = p[1];
  EXPECT_NEAR(dp[0], 2 * r * cos(th) * sin(th) + cos(th), 1e-14);
  EXPECT_NEAR(dp[1], r * r * cos(2 * th) - r * sin(th), 1e-14);

  double x[N] = {0.4, -1.1, 0.9, 2.0, -0.3};
  double d[N] = {0};
  __enzyme_autodiff((void *)use_stats, x, d);
  double m = 0;
  for (int i = 0; i < N; ++i)
    m += x[i];
  m /= N;
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d[i], 2 * m / N + 2 * (x[i] - m) / N, 1e-14);
    EXPECT_NEAR(d[i], rev_fd_vec(use_stats, x, N, i), 1e-6);
  }

  double ds[N] = {0};
  __enzyme_autodiff((void *)use_step, x, ds);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(ds[i], 3 * x[i] * x[i] + (i == N - 1 ? 2 * x[i] : 0), 1e-14);
  return adj_report();
}
