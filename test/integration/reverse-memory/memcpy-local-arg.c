// Reverse mode through memcpy between a local array and a duplicated argument in both
// directions: the input copied into a local, transformed there, and the result copied out to
// an output argument (the caller seeds its shadow, which ends at 0); a copy of part of an
// input (an offset and a length) into the middle of a local. Analytic values and finite
// differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 8
static void through_local(const double *x, double *y) {
  double t[N], u[N];
  memcpy(t, x, sizeof t);
  for (int i = 0; i < N; ++i)
    u[i] = t[i] * t[i] + 0.5 * t[(i + 1) % N];
  memcpy(y, u, sizeof u);
}
static double partial(const double *x) {
  double t[N + 4];
  for (int i = 0; i < N + 4; ++i)
    t[i] = 1.0;
  memcpy(t + 3, x + 2, sizeof(double) * 5); /* t[3..7] = x[2..6] */
  double s = 0;
  for (int i = 1; i < N + 4; ++i)
    s += t[i] * t[i - 1];
  return s;
}
static double partial_n(double *x) { return partial(x); }

int main(void) {
  double x[N], y[N], dx[N] = {0}, dy[N], w[N];
  for (int i = 0; i < N; ++i) {
    x[i] = 0.4 * sin(1.3 * i) + 0.1 * i;
    w[i] = 1.0 - 0.25 * i;
    dy[i] = w[i];
  }
  __enzyme_autodiff((void *)through_local, enzyme_dup, x, dx, enzyme_dup, y, dy);
  for (int j = 0; j < N; ++j) {
    EXPECT_NEAR(y[j], x[j] * x[j] + 0.5 * x[(j + 1) % N], 1e-15);
    EXPECT_NEAR(dx[j], 2 * x[j] * w[j] + 0.5 * w[(j + N - 1) % N], 1e-14);
    EXPECT_NEAR(dx[j], rm_fd_out(through_local, x, N, N, w, j), 1e-6);
    EXPECT_NEAR(dy[j], 0.0, 0.0);
  }

  double g[N] = {0};
  __enzyme_autodiff((void *)partial, enzyme_dup, x, g);
  for (int j = 0; j < N; ++j) {
    double want = 0;
    if (j >= 2 && j <= 6) { /* x_j sits at t[j+1]; neighbours t[j], t[j+2] */
      double l = j == 2 ? 1.0 : x[j - 1], r = j == 6 ? 1.0 : x[j + 1];
      want = l + r;
    }
    EXPECT_NEAR(g[j], want, 1e-14);
    EXPECT_NEAR(g[j], rm_fd(partial_n, x, N, j), 1e-6);
  }
  return adj_report();
}
