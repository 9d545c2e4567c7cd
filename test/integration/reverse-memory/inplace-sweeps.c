// Reverse mode through inputs overwritten in loops: Gauss-Seidel style smoothing sweeps that
// update x in place (each update reads the neighbour updated just before), forward then
// backward, then a cost over the result; and a loop that reads x[i] and then overwrites it
// with a constant, so later reads of x[i] carry no adjoint to the original value. Checked
// against finite differences on fresh copies (and a closed form for the second).
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 9
static double sweeps(double *x, int n, int iters) {
  for (int t = 0; t < iters; ++t) {
    for (int i = 1; i + 1 < n; ++i)
      x[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1] + 0.05 * x[i] * x[i];
    for (int i = n - 2; i >= 1; --i)
      x[i] = 0.5 * (x[i] + x[i + 1]) - 0.1 * sin(x[i - 1]);
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * (1 + 0.1 * i);
  return s;
}
/* s = sum_i 3 x_i^2, then x_i <- 2, then s += sum_i (x_i^2 / 4 + x_i / 2), a constant */
static double consume(double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += 3 * x[i] * x[i];
    x[i] = 2.0;
  }
  for (int i = 0; i < n; ++i)
    s += 0.25 * x[i] * x[i] + x[i] * 0.5;
  return s;
}
static double sweeps_n(double *x) { return sweeps(x, N, 4); }

int main(void) {
  double x0[N], x[N], dx[N] = {0};
  for (int i = 0; i < N; ++i)
    x0[i] = cos(0.8 * i) + 0.1 * i;
  memcpy(x, x0, sizeof x);
  __enzyme_autodiff((void *)sweeps, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, 4);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(sweeps_n, x0, N, i), 1e-6);

  double y[N], dy[N] = {0};
  memcpy(y, x0, sizeof y);
  __enzyme_autodiff((void *)consume, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], 2.0, 0.0);
    EXPECT_NEAR(dy[i], 6 * x0[i], 1e-13);
  }
  return adj_report();
}
