// Reverse mode of a weighted sum of moving averages (window sums over a duplicated array, const weights): each x_i gets the weights of the windows containing it.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* sum_j w_j * tanh(mean(x[j..j+k-1])) */
static double wma(const double *x, int n, int k, const double *w) {
  double r = 0.0;
  for (int j = 0; j + k <= n; ++j) {
    double s = 0.0;
    for (int i = 0; i < k; ++i)
      s += x[j + i];
    r += w[j] * tanh(s / k);
  }
  return r;
}

#define N 25
static double W[N];
static int K;
static double g(const double *x) { return wma(x, N, K, W); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i) {
    x[i] = 0.8 * sin(0.45 * i) + 0.02 * i;
    W[i] = 1.0 + 0.5 * cos(i);
  }
  for (K = 1; K <= 7; K += 2) {
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)wma, enzyme_dup, x, dx, N, K, enzyme_const, W);
    double want[N] = {0};
    for (int j = 0; j + K <= N; ++j) {
      double s = 0.0;
      for (int i = 0; i < K; ++i)
        s += x[j + i];
      double t = tanh(s / K);
      for (int i = 0; i < K; ++i)
        want[j + i] += W[j] * (1 - t * t) / K;
    }
    for (int i = 0; i < N; ++i) {
      EXPECT_NEAR(dx[i], want[i], 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
    }
  }
  return adj_report();
}
