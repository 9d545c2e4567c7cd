// Reverse mode through local std::vector buffers that a time loop overwrites
// in every step (issue 10, bug 3). At -O2 the optimizer merges each
// vector's buffer with null (the empty vector's) into one phi before its
// delete; that delete waited for the end of the gradient with its shadow,
// while the allocation's own reverse freed the same shadow again (a double
// free). Covered: three local vectors in an explicit two-stage step, and
// ping-pong vectors exchanged by std::swap each step (the delete then frees
// a phi of two allocations), with the output written through
// enzyme_dupnoneed; gradients J^T w against central differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stddef.h>
#include <utility>
#include <vector>

#define N 5
#define STEPS 3

static void steps(size_t n, const double *x, size_t s, double *y) {
  std::vector<double> k1(n), k2(n), mid(n);
  for (size_t i = 0; i < n; i++)
    y[i] = 0;
  for (size_t t = 0; t < s; t++) {
    for (size_t i = 0; i < n; i++)
      k1[i] = x[i] - y[i];
    for (size_t i = 0; i < n; i++)
      mid[i] = y[i] + 0.5 * k1[i];
    for (size_t i = 0; i < n; i++)
      k2[i] = x[i] * mid[i];
    for (size_t i = 0; i < n; i++)
      y[i] += 0.25 * (k1[i] + k2[i]);
  }
}

static void pingpong(size_t n, const double *x, size_t s, double *y) {
  std::vector<double> cur(x, x + n), next(n);
  for (size_t t = 0; t < s; t++) {
    for (size_t i = 0; i < n; i++)
      next[i] = cur[i] * 0.5 + sin(cur[(i + 1) % n]);
    std::swap(cur, next);
  }
  for (size_t i = 0; i < n; i++)
    y[i] = cur[i];
}

static void steps_xy(const double *x, double *y) { steps(N, x, STEPS, y); }
static void pingpong_xy(const double *x, double *y) { pingpong(N, x, STEPS, y); }

int main() {
  double x[N] = {0.3, -0.7, 1.1, 0.45, -1.2};
  double w[N] = {1.0, -0.5, 2.0, 0.25, 1.5};
  double y[N], dy[N], dx[N];

  for (int i = 0; i < N; ++i)
    dx[i] = 0, dy[i] = w[i];
  __enzyme_autodiff((void *)steps, enzyme_const, (size_t)N, enzyme_dup, x, dx, enzyme_const,
                    (size_t)STEPS, enzyme_dupnoneed, y, dy);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd_out(steps_xy, x, N, N, w, i), 1e-6);

  for (int i = 0; i < N; ++i)
    dx[i] = 0, dy[i] = w[i];
  __enzyme_autodiff((void *)pingpong, enzyme_const, (size_t)N, enzyme_dup, x, dx, enzyme_const,
                    (size_t)STEPS, enzyme_dupnoneed, y, dy);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd_out(pingpong_xy, x, N, N, w, i), 1e-6);
  return adj_report();
}
