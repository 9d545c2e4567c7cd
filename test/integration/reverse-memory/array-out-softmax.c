// Reverse mode with an output array whose every element depends on every input: softmax and a
// prefix sum of squares written to y through a duplicated pointer. The caller seeds dy; the
// gradient J^T dy is checked against the closed forms (softmax: y * (dy - <y, dy>); prefix:
// 2 x_j * sum_{i>=j} dy_i) and finite differences; dy ends at 0.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static void softmax(const double *x, double *y, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double z = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = exp(x[i] - m);
    z += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= z;
}
static void prefix(const double *x, double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    y[i] = s;
  }
}
static void softmax_n(const double *x, double *y) { softmax(x, y, N); }
static void prefix_n(const double *x, double *y) { prefix(x, y, N); }

int main(void) {
  double x[N] = {0.4, -1.1, 0.9, 0.2, -0.3, 1.3}, w[N] = {1.0, -2.0, 0.5, 3.0, 0.25, -1.0};
  double y[N], dy[N], dx[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)softmax, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  double yw = 0;
  for (int i = 0; i < N; ++i)
    yw += y[i] * w[i];
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], y[i] * (w[i] - yw), 1e-12);
    EXPECT_NEAR(dx[i], rm_fd_out(softmax_n, x, N, N, w, i), 1e-6);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  double px[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)prefix, enzyme_dup, x, px, enzyme_dup, y, dy, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    double tail = 0;
    for (int i = j; i < N; ++i)
      tail += w[i];
    EXPECT_NEAR(px[j], 2 * x[j] * tail, 1e-12);
    EXPECT_NEAR(px[j], rm_fd_out(prefix_n, x, N, N, w, j), 1e-6);
    EXPECT_NEAR(dy[j], 0.0, 0.0);
  }
  return adj_report();
}
