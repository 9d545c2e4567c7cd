// Reverse mode through a loop with continue (skipping negative elements and every third index) and a second loop with a while-style increment.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double pos_sum(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    if (i % 3 == 2)
      continue;
    if (x[i] < 0.0)
      continue;
    s += x[i] * exp(-x[i]);
  }
  return s;
}

#define N 20
static double g(const double *x) { return pos_sum(x, N); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = 1.5 * sin(2.3 * i + 0.4); /* none within 1e-3 of 0 */
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)pos_sum, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i) {
    double want = (i % 3 == 2 || x[i] < 0) ? 0.0 : (1 - x[i]) * exp(-x[i]);
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  return adj_report();
}
