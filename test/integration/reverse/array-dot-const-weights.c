// Reverse mode of a dot product with enzyme_const weights and a duplicated x; then with both arrays duplicated.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double dot(const double *w, const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += w[i] * x[i];
  return s;
}
/* a nonlinear use of the same reads: (w.x)^2 + sum w_i x_i^3 */
static double dot2(const double *w, const double *x, int n) {
  double s = 0.0, c = 0.0;
  for (int i = 0; i < n; ++i) {
    s += w[i] * x[i];
    c += w[i] * x[i] * x[i] * x[i];
  }
  return s * s + c;
}

#define N 19
static double W[N];
static double gx(const double *x) { return dot2(W, x, N); }

int main(void) {
  double x[N], dx[N], dw[N];
  for (int i = 0; i < N; ++i) {
    W[i] = cos(1.3 * i) + 0.1;
    x[i] = 0.5 - 0.07 * i;
    dx[i] = 0.0;
  }
  __enzyme_autodiff((void *)dot, enzyme_const, W, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], W[i], 1e-14);

  for (int i = 0; i < N; ++i)
    dx[i] = dw[i] = 0.0;
  __enzyme_autodiff((void *)dot, enzyme_dup, W, dw, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], W[i], 1e-14);
    EXPECT_NEAR(dw[i], x[i], 1e-14);
  }

  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)dot2, enzyme_const, W, enzyme_dup, x, dx, N);
  double s = dot(W, x, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], 2 * s * W[i] + 3 * W[i] * x[i] * x[i], 1e-10);
    EXPECT_NEAR(dx[i], rev_fd_vec(gx, x, N, i), 1e-6);
  }
  return adj_report();
}
