// Reverse mode through a reused buffer: a scratch array passed as a duplicated argument (its
// shadow zero on entry) that is written and read by several stages in turn, and a local array
// overwritten on every iteration of an outer loop. The stages must read the buffer's values
// of their own time. The scratch shadow ends at 0 (the buffer is written before read).
// Against finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static double stages(const double *x, double *tmp, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    tmp[i] = exp(0.5 * x[i]);
  for (int i = 0; i < n; ++i)
    s += tmp[i] * x[(i + 1) % n];
  for (int i = 0; i < n; ++i) /* reuse: new contents from the old */
    tmp[i] = tmp[i] * tmp[(i + 2) % n] - x[i];
  for (int i = 0; i < n; ++i)
    s += tmp[i] * tmp[i];
  for (int i = 0; i < n; ++i) /* reuse again, unrelated to the old contents */
    tmp[i] = sin(x[n - 1 - i]);
  for (int i = 0; i < n; ++i)
    s += tmp[i] * x[i];
  return s;
}
static double local_reuse(const double *x, int n) {
  double buf[N], s = 0;
  for (int t = 1; t <= 4; ++t) {
    for (int i = 0; i < n; ++i)
      buf[i] = x[i] * t + s * 0.01;
    for (int i = 0; i < n; ++i)
      s += buf[i] * buf[(i + t) % n] * 0.1;
  }
  return s;
}
static double stages_n(double *x) {
  double tmp[N];
  return stages(x, tmp, N);
}
static double local_n(double *x) { return local_reuse(x, N); }

int main(void) {
  double x[N] = {0.3, -0.5, 0.8, 1.1, -0.2, 0.6}, dx[N] = {0}, tmp[N], dtmp[N] = {0};
  __enzyme_autodiff((void *)stages, enzyme_dup, x, dx, enzyme_dup, tmp, dtmp, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], rm_fd(stages_n, x, N, i), 1e-6);
    EXPECT_NEAR(dtmp[i], 0.0, 0.0);
  }
  double gx[N] = {0};
  __enzyme_autodiff((void *)local_reuse, enzyme_dup, x, gx, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(gx[i], rm_fd(local_n, x, N, i), 1e-6);
  return adj_report();
}
