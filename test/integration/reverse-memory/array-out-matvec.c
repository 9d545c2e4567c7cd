// Reverse mode of y = A x + b with A (row-major, m x n), x and b all duplicated, and with A
// constant: dA += dy x^T, dx += A^T dy, db += dy, dy ends at 0. Also a function that both
// returns a value (seeded with 1) and writes an output array (seeded by the caller).
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define M 3
#define N 4
static void matvec(const double *A, const double *x, const double *b, double *y, int m, int n) {
  for (int i = 0; i < m; ++i) {
    double s = b[i];
    for (int j = 0; j < n; ++j)
      s += A[i * n + j] * x[j];
    y[i] = s;
  }
}
/* returns sum x^3 and writes y[i] = x[i] * x[i+1] */
static double both(const double *x, double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i] * x[i];
    if (i + 1 < n)
      y[i] = x[i] * x[i + 1];
  }
  return s;
}

int main(void) {
  double A[M * N], dA[M * N] = {0}, x[N] = {0.5, -1.0, 2.0, 0.25}, dx[N] = {0};
  double b[M] = {1, 2, 3}, db[M] = {0}, y[M], dy[M], w[M] = {0.5, -1.5, 2.0};
  for (int k = 0; k < M * N; ++k)
    A[k] = 0.1 * k - 0.4;
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)matvec, enzyme_dup, A, dA, enzyme_dup, x, dx, enzyme_dup, b, db,
                    enzyme_dup, y, dy, enzyme_const, M, enzyme_const, N);
  for (int i = 0; i < M; ++i) {
    double want = b[i];
    for (int j = 0; j < N; ++j) {
      want += A[i * N + j] * x[j];
      EXPECT_NEAR(dA[i * N + j], w[i] * x[j], 1e-14);
    }
    EXPECT_NEAR(y[i], want, 1e-14);
    EXPECT_NEAR(db[i], w[i], 0.0);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }
  for (int j = 0; j < N; ++j) {
    double want = 0;
    for (int i = 0; i < M; ++i)
      want += A[i * N + j] * w[i];
    EXPECT_NEAR(dx[j], want, 1e-14);
  }

  /* A and b constant: only dx */
  double ex[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)matvec, enzyme_const, A, enzyme_dup, x, ex, enzyme_const, b,
                    enzyme_dup, y, dy, enzyme_const, M, enzyme_const, N);
  for (int j = 0; j < N; ++j)
    EXPECT_NEAR(ex[j], dx[j], 1e-15);

  /* return value and output array together */
  double z[N] = {0.3, -0.6, 1.2, 0.9}, dz[N] = {0}, o[N - 1], dout[N - 1] = {2.0, -1.0, 0.5};
  double seed[N - 1] = {2.0, -1.0, 0.5};
  __enzyme_autodiff((void *)both, enzyme_dup, z, dz, enzyme_dup, o, dout, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    double want = 3 * z[j] * z[j];
    if (j + 1 < N)
      want += seed[j] * z[j + 1];
    if (j > 0)
      want += seed[j - 1] * z[j - 1];
    EXPECT_NEAR(dz[j], want, 1e-14);
  }
  for (int i = 0; i < N - 1; ++i)
    EXPECT_NEAR(dout[i], 0.0, 0.0);
  return adj_report();
}
