// Reverse mode through pointer-to-pointer: a matrix given as an array of row pointers
// (double **rows), duplicated with a shadow array of shadow row pointers that the caller
// builds (each shadow row zeroed). f = sum_i (rows[i] . x)^2 + sum_ij rows[i][j]^3, with x
// duplicated too; rows of different lengths (a triangular matrix). Analytic values and finite
// differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define M 4
#define N 5
static double quad(double **rows, const double *x, int m, int n) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double d = 0;
    for (int j = 0; j < n; ++j)
      d += rows[i][j] * x[j];
    s += d * d;
    for (int j = 0; j < n; ++j)
      s += rows[i][j] * rows[i][j] * rows[i][j];
  }
  return s;
}
/* lower triangular: row i has i + 1 entries */
static double tri(double *const *rows, int m) {
  double s = 0;
  for (int i = 0; i < m; ++i)
    for (int j = 0; j <= i; ++j)
      s += sin(rows[i][j]) * (j + 1) + rows[i][j] * rows[j][0];
  return s;
}
static double X[N] = {0.5, -1.0, 0.25, 2.0, -0.75};
static double quad_flat(double *a) {
  double *r[M];
  for (int i = 0; i < M; ++i)
    r[i] = a + i * N;
  return quad(r, X, M, N);
}

int main(void) {
  double store[M][N], dstore[M][N], dx[N] = {0};
  double *rows[M], *drows[M];
  for (int i = 0; i < M; ++i) {
    rows[i] = store[i];
    drows[i] = dstore[i];
    for (int j = 0; j < N; ++j) {
      store[i][j] = 0.1 * (i + 1) - 0.05 * j * j;
      dstore[i][j] = 0.0;
    }
  }
  __enzyme_autodiff((void *)quad, enzyme_dup, rows, drows, enzyme_dup, X, dx, enzyme_const, M,
                    enzyme_const, N);
  double want_x[N] = {0};
  for (int i = 0; i < M; ++i) {
    double d = 0;
    for (int j = 0; j < N; ++j)
      d += store[i][j] * X[j];
    for (int j = 0; j < N; ++j) {
      EXPECT_NEAR(dstore[i][j], 2 * d * X[j] + 3 * store[i][j] * store[i][j], 1e-13);
      EXPECT_NEAR(dstore[i][j], rm_fd(quad_flat, &store[0][0], M * N, i * N + j), 1e-6);
      want_x[j] += 2 * d * store[i][j];
    }
  }
  for (int j = 0; j < N; ++j)
    EXPECT_NEAR(dx[j], want_x[j], 1e-13);
  /* the row pointer arrays themselves are untouched */
  for (int i = 0; i < M; ++i) {
    EXPECT_NEAR((double)(rows[i] == store[i]), 1.0, 0.0);
    EXPECT_NEAR((double)(drows[i] == dstore[i]), 1.0, 0.0);
  }

  /* triangular rows allocated separately */
  double r0[1] = {0.3}, r1[2] = {-0.4, 0.9}, r2[3] = {1.1, 0.2, -0.6};
  double d0[1] = {0}, d1[2] = {0}, d2[3] = {0};
  double *tr[3] = {r0, r1, r2}, *dtr[3] = {d0, d1, d2};
  __enzyme_autodiff((void *)tri, enzyme_dup, tr, dtr, enzyme_const, 3);
  /* s = sum_{j<=i} sin(r_ij)(j+1) + r_ij * r_j0 */
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j <= i; ++j) {
      double want = cos(tr[i][j]) * (j + 1) + tr[j][0];
      if (j == 0) /* r_i0 is also the factor r_j0 of the terms (k, j = i), k >= i */
        for (int k = 0; k < 3; ++k)
          if (i <= k)
            want += tr[k][i];
      EXPECT_NEAR(dtr[i][j], want, 1e-14);
    }
  return adj_report();
}
