// Reverse mode writing through pointer-to-pointer: rows of a matrix (double **) normalized in
// place (each row divided by its norm, then a weighted sum of the result), and C = A^T A
// written into an output matrix given as row pointers whose shadow rows the caller seeds
// (dA += A (dC + dC^T), dC ends at 0). Shadow row arrays built by the caller.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define M 3
#define N 4
static double normalize(double **rows, int m, int n) {
  for (int i = 0; i < m; ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j)
      s += rows[i][j] * rows[i][j];
    double inv = 1.0 / sqrt(s);
    for (int j = 0; j < n; ++j)
      rows[i][j] *= inv;
  }
  double r = 0;
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j)
      r += rows[i][j] * (i + 1) * (j + 1) + rows[i][j] * rows[i][j] * rows[i][j];
  return r;
}
static void ata(double *const *a, double **c, int m, int n) {
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) {
      double s = 0;
      for (int i = 0; i < m; ++i)
        s += a[i][p] * a[i][q];
      c[p][q] = s;
    }
}
static double normalize_flat(double *a) {
  double *r[M];
  for (int i = 0; i < M; ++i)
    r[i] = a + i * N;
  return normalize(r, M, N);
}

int main(void) {
  double a0[M][N], a[M][N], da[M][N];
  double *rows[M], *drows[M];
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j)
      a0[i][j] = cos(0.9 * i + 0.4 * j) + 0.2;
  memcpy(a, a0, sizeof a);
  memset(da, 0, sizeof da);
  for (int i = 0; i < M; ++i) {
    rows[i] = a[i];
    drows[i] = da[i];
  }
  __enzyme_autodiff((void *)normalize, enzyme_dup, rows, drows, enzyme_const, M, enzyme_const, N);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j)
      EXPECT_NEAR(da[i][j], rm_fd(normalize_flat, &a0[0][0], M * N, i * N + j), 1e-6);

  /* C = A^T A, seeded dC */
  double c[N][N], dc[N][N], dc0[N][N], ga[M][N];
  double *crows[N], *dcrows[N], *arows[M], *garows[M];
  for (int p = 0; p < N; ++p) {
    crows[p] = c[p];
    dcrows[p] = dc[p];
    for (int q = 0; q < N; ++q)
      dc[p][q] = dc0[p][q] = 1.0 + p - 0.5 * q;
  }
  memset(ga, 0, sizeof ga);
  for (int i = 0; i < M; ++i) {
    arows[i] = a0[i];
    garows[i] = ga[i];
  }
  __enzyme_autodiff((void *)ata, enzyme_dup, arows, garows, enzyme_dup, crows, dcrows,
                    enzyme_const, M, enzyme_const, N);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double want = 0; /* (A (dC + dC^T))_ij */
      for (int q = 0; q < N; ++q)
        want += a0[i][q] * (dc0[j][q] + dc0[q][j]);
      EXPECT_NEAR(ga[i][j], want, 1e-13);
    }
  for (int p = 0; p < N; ++p)
    for (int q = 0; q < N; ++q) {
      double s = 0;
      for (int i = 0; i < M; ++i)
        s += a0[i][p] * a0[i][q];
      EXPECT_NEAR(c[p][q], s, 1e-14);
      EXPECT_NEAR(dc[p][q], 0.0, 0.0);
    }
  return adj_report();
}
