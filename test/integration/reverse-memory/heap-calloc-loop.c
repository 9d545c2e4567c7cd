// Reverse mode through heap allocations inside loops: each iteration of an outer loop
// callocs a buffer (zero-initialized, partly written), uses it together with the previous
// iteration's result, and frees it; and a loop that keeps a malloc'ed buffer alive across
// iterations, freeing the old one after allocating the next (a ping-pong of heap buffers).
// Against finite differences and an analytic value.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 5
static double per_iter(const double *x, int n, int iters) {
  double s = 0.5;
  for (int t = 0; t < iters; ++t) {
    double *b = (double *)calloc(n + 2, sizeof(double));
    for (int i = 0; i < n; ++i)
      b[i + 1] = x[i] * s + t;
    for (int i = 1; i <= n; ++i)
      s += 0.1 * (b[i - 1] * b[i + 1] + b[i] * b[i]) / (1 + t);
    free(b);
  }
  return s;
}
static double pingpong(const double *x, int n, int iters) {
  double *cur = (double *)malloc(sizeof(double) * n);
  for (int i = 0; i < n; ++i)
    cur[i] = x[i];
  for (int t = 0; t < iters; ++t) {
    double *nxt = (double *)malloc(sizeof(double) * n);
    for (int i = 0; i < n; ++i)
      nxt[i] = 0.5 * cur[i] + 0.25 * sin(cur[(i + 1) % n]);
    free(cur);
    cur = nxt;
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += cur[i] * cur[i];
  free(cur);
  return s;
}
/* one calloc per iteration of a loop with a scalar active parameter */
static double scal(double a, int iters) {
  double s = 0;
  for (int t = 1; t <= iters; ++t) {
    double *v = (double *)calloc(1, sizeof(double));
    *v += a * t;
    s += *v * *v;
    free(v);
  }
  return s;
}
static double per_iter_n(double *x) { return per_iter(x, N, 4); }
static double pingpong_n(double *x) { return pingpong(x, N, 6); }

int main(void) {
  double x[N] = {0.4, -0.2, 0.6, 0.1, -0.5}, dx[N] = {0}, gx[N] = {0};
  __enzyme_autodiff((void *)per_iter, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, 4);
  __enzyme_autodiff((void *)pingpong, enzyme_dup, x, gx, enzyme_const, N, enzyme_const, 6);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], rm_fd(per_iter_n, x, N, i), 1e-6);
    EXPECT_NEAR(gx[i], rm_fd(pingpong_n, x, N, i), 1e-6);
  }
  /* s = a^2 sum t^2 = a^2 * 30 for iters = 4 */
  EXPECT_NEAR(__enzyme_autodiff((void *)scal, 0.7, enzyme_const, 4), 2 * 0.7 * 30, 1e-13);
  return adj_report();
}
