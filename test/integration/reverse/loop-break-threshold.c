// Reverse mode through a loop that breaks when a partial sum of squares exceeds a threshold; only the elements read before the break get a gradient.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double until(const double *x, int n, double thr) {
  double s = 0.0, w = 0.0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    w += sin(x[i]) * (i + 1);
    if (s > thr)
      break;
  }
  return w + s;
}

#define N 16
static double THR;
static double g(const double *x) { return until(x, N, THR); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = 0.6 + 0.1 * i;
  /* partial sums: 0.36, 0.85, 1.49, 2.30, 3.30, 4.51, 5.95, 7.64, ...: thresholds halfway
     between them, and one never reached */
  const double thrs[] = {0.1, 1.2, 4.0, 6.8, 1e9};
  for (unsigned t = 0; t < sizeof thrs / sizeof *thrs; ++t) {
    THR = thrs[t];
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)until, enzyme_dup, x, dx, N, enzyme_const, THR);
    double s = 0.0;
    int last = N - 1;
    for (int i = 0; i < N; ++i) {
      s += x[i] * x[i];
      if (s > THR) {
        last = i;
        break;
      }
    }
    for (int i = 0; i < N; ++i) {
      double want = i <= last ? 2 * x[i] + cos(x[i]) * (i + 1) : 0.0;
      EXPECT_NEAR(dx[i], want, 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
    }
  }
  return adj_report();
}
