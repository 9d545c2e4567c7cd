// Reverse mode through nested loops: the quadratic form x^T A x (const A, not symmetric) has gradient (A + A^T) x; also x^T A y with both vectors duplicated.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double quad(const double *A, const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double row = 0.0;
    for (int j = 0; j < n; ++j)
      row += A[i * n + j] * x[j];
    s += x[i] * row;
  }
  return s;
}
static double bilinear(const double *A, const double *x, const double *y, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      s += x[i] * A[i * n + j] * y[j];
  return s;
}

#define N 7
static double A[N * N];
static double g(const double *x) { return quad(A, x, N); }

int main(void) {
  double x[N], y[N], dx[N], dy[N];
  for (int i = 0; i < N; ++i) {
    x[i] = 0.3 * i - 0.8;
    y[i] = cos(0.9 * i);
    for (int j = 0; j < N; ++j)
      A[i * N + j] = sin(1.0 + i + 2.0 * j) + (i == j ? 2.0 : 0.0);
  }
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)quad, enzyme_const, A, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i) {
    double want = 0.0;
    for (int j = 0; j < N; ++j)
      want += (A[i * N + j] + A[j * N + i]) * x[j];
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  /* gradient w.r.t. A as well: dA_ij = x_i x_j */
  double dA[N * N] = {0};
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)quad, enzyme_dup, A, dA, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      EXPECT_NEAR(dA[i * N + j], x[i] * x[j], 1e-12);

  for (int i = 0; i < N; ++i)
    dx[i] = dy[i] = 0.0;
  __enzyme_autodiff((void *)bilinear, enzyme_const, A, enzyme_dup, x, dx, enzyme_dup, y, dy, N);
  for (int i = 0; i < N; ++i) {
    double ay = 0.0, atx = 0.0;
    for (int j = 0; j < N; ++j) {
      ay += A[i * N + j] * y[j];
      atx += A[j * N + i] * x[j];
    }
    EXPECT_NEAR(dx[i], ay, 1e-12);
    EXPECT_NEAR(dy[i], atx, 1e-12);
  }
  return adj_report();
}
