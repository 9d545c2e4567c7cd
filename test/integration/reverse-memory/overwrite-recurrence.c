// Reverse mode through a function that overwrites its input array in several passes, each
// element replaced by a function of its freshly updated predecessor and its own old value
// (x[i] = f(x[i-1], x[i]), forward passes and a backward pass x[i] = g(x[i+1], x[i])), then a
// cost over the result. The gradient is w.r.t. the original contents (so the old values
// must be kept); x holds the primal result afterwards. Finite differences on fresh copies,
// and an analytic value for one pass of a linear recurrence.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 7
static double passes(double *x) {
  for (int p = 0; p < 3; ++p) {
    for (int i = 1; i < N; ++i)
      x[i] = x[i] * cos(x[i - 1]) + 0.3 * x[i - 1] * x[i - 1];
    for (int i = N - 2; i >= 0; --i)
      x[i] = 0.5 * x[i] + tanh(x[i + 1] * x[i]);
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += (i + 1) * x[i] * x[i];
  return s;
}
/* one pass x_i <- a x_{i-1} + x_i: the final x_k = sum_{j<=k} a^(k-j) x_j; s = sum_k x_k */
static double linear(double *x) {
  for (int i = 1; i < N; ++i)
    x[i] = 0.5 * x[i - 1] + x[i];
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += x[i];
  return s;
}

int main(void) {
  const double x0[N] = {0.4, -0.3, 0.8, 0.2, -0.7, 0.5, 0.1};
  double x[N], d[N] = {0}, xr[N];
  memcpy(x, x0, sizeof x);
  memcpy(xr, x0, sizeof xr);
  (void)passes(xr);
  __enzyme_autodiff((void *)passes, x, d);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(x[i], xr[i], 1e-15);
    EXPECT_NEAR(d[i], rm_fd(passes, x0, N, i), 1e-6);
  }

  double dl[N] = {0};
  memcpy(x, x0, sizeof x);
  __enzyme_autodiff((void *)linear, x, dl);
  for (int j = 0; j < N; ++j) {
    double want = 0;
    for (int k = j; k < N; ++k)
      want += pow(0.5, k - j);
    EXPECT_NEAR(dl[j], want, 1e-14);
  }
  return adj_report();
}
