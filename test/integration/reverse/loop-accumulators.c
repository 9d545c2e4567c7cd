// Reverse mode of a loop carrying several accumulators (sum, sum of squares, weighted sum, running product, running max) combined after the loop.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double stats(const double *x, int n) {
  double s = 0.0, s2 = 0.0, ws = 0.0, prod = 1.0, mx = -1e300;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    s2 += x[i] * x[i];
    ws += (i + 1) * x[i];
    prod *= 1.0 + 0.1 * x[i];
    mx = x[i] > mx ? x[i] : mx;
  }
  double mean = s / n;
  double var = s2 / n - mean * mean;
  return var + 0.5 * ws / n + log(prod) + 2.0 * mx;
}

#define N 11
static double g(const double *x) { return stats(x, N); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = cos(1.9 * i) * 1.3 + 0.1;
  int imax = 0;
  for (int i = 1; i < N; ++i)
    if (x[i] > x[imax])
      imax = i;
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)stats, enzyme_dup, x, dx, N);
  double mean = 0.0;
  for (int i = 0; i < N; ++i)
    mean += x[i] / N;
  for (int i = 0; i < N; ++i) {
    double want = 2 * x[i] / N - 2 * mean / N + 0.5 * (i + 1) / N + 0.1 / (1 + 0.1 * x[i]) +
                  (i == imax ? 2.0 : 0.0);
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  return adj_report();
}
