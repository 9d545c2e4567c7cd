// Reverse mode through three loops in sequence whose results feed the next (mean, then variance, then a sum over standardized values), so loop-carried results cross loop boundaries.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double standardized(const double *x, int n) {
  double m = 0.0;
  for (int i = 0; i < n; ++i)
    m += x[i];
  m /= n;
  double v = 0.0;
  for (int i = 0; i < n; ++i)
    v += (x[i] - m) * (x[i] - m);
  double sd = sqrt(v / (n - 1));
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += tanh((x[i] - m) / sd) * (i + 1);
  return s;
}

#define N 9
static double g(const double *x) { return standardized(x, N); }

int main(void) {
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; ++i)
    x[i] = 2.0 * sin(1.4 * i) + 0.3 * i;
  __enzyme_autodiff((void *)standardized, enzyme_dup, x, dx, N);
  /* analytic: z_i = (x_i - m)/sd, s = sum w_i tanh(z_i);
     dz_i/dx_k = (delta_ik - 1/n)/sd - z_i z_k / ((n-1) sd) */
  double m = 0, v = 0;
  for (int i = 0; i < N; ++i)
    m += x[i] / N;
  for (int i = 0; i < N; ++i)
    v += (x[i] - m) * (x[i] - m);
  double sd = sqrt(v / (N - 1));
  for (int k = 0; k < N; ++k) {
    double want = 0.0, zk = (x[k] - m) / sd;
    for (int i = 0; i < N; ++i) {
      double zi = (x[i] - m) / sd, t = tanh(zi);
      double dz = ((i == k) - 1.0 / N) / sd - zi * zk / ((N - 1) * sd);
      want += (i + 1) * (1 - t * t) * dz;
    }
    EXPECT_NEAR(dx[k], want, 1e-12);
    EXPECT_NEAR(dx[k], rev_fd_vec(g, x, N, k), 1e-6);
  }
  return adj_report();
}
