// Reverse mode through memcpy between a duplicated input and a local array of doubles (the
// local's type gives the element type), as clang emits for copy loops; and a copy from a
// constant table, which only clears the destination's shadow.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

#define N 16
static const double Table[N] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static double smooth(const double *x) {
  double u[2][N];
  memcpy(u[0], x, sizeof(double) * N);
  for (int t = 0; t < 3; ++t) {
    int a = t % 2, b = 1 - a;
    u[b][0] = u[a][0];
    u[b][N - 1] = u[a][N - 1];
    for (int i = 1; i < N - 1; ++i)
      u[b][i] = u[a][i] + 0.2 * (u[a][i - 1] - 2 * u[a][i] + u[a][i + 1]) + 0.1 * u[a][i] * u[a][i];
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += u[1][i] * u[1][i];
  return s;
}

static double with_table(const double *x) {
  double w[N];
  memcpy(w, x, sizeof w);
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += w[i] * w[i];
  memcpy(w, Table, sizeof w); /* overwrites: w's adjoint must not flow back into x */
  for (int i = 0; i < N; ++i)
    s += w[i];
  return s;
}

int main(void) {
  double x[N], gx[N] = {0}, h = 1e-6;
  for (int i = 0; i < N; ++i)
    x[i] = 0.3 + 0.1 * sin(1.7 * i);
  __enzyme_autodiff((void *)smooth, enzyme_dup, x, gx);
  for (int i = 0; i < N; ++i) {
    double xp[N], xm[N];
    memcpy(xp, x, sizeof x);
    memcpy(xm, x, sizeof x);
    xp[i] += h;
    xm[i] -= h;
    EXPECT_NEAR(gx[i], (smooth(xp) - smooth(xm)) / (2 * h), 1e-6);
  }
  double gt[N] = {0};
  __enzyme_autodiff((void *)with_table, enzyme_dup, x, gt);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(gt[i], 2 * x[i], 1e-12);
  return adj_report();
}
