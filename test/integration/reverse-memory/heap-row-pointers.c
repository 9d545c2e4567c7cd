// Reverse mode through a malloc'ed array of row pointers (double **) built inside the
// differentiated function: each row malloc'ed and filled from the input (an outer-product
// like matrix), the rows read through the double** in a product with its transpose
// (||M M^T||_F^2), rows swapped by exchanging the pointers, and every row, then the row
// array, freed at the end. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define R 3
#define C 4
/* M[i][j] = x_i * y_j + (i == j), x = v[0..R), y = v[R..R+C) */
static double tr3(const double *v) {
  double **m = (double **)malloc(R * sizeof(double *));
  for (int i = 0; i < R; ++i) {
    m[i] = (double *)malloc(C * sizeof(double));
    for (int j = 0; j < C; ++j)
      m[i][j] = v[i] * v[R + j] + (i == j);
  }
  /* G = M M^T (R x R) on the stack, then sum_ij G_ij^2 */
  double s = 0;
  for (int i = 0; i < R; ++i)
    for (int k = 0; k < R; ++k) {
      double g = 0;
      for (int j = 0; j < C; ++j)
        g += m[i][j] * m[k][j];
      s += g * g;
    }
  for (int i = 0; i < R; ++i)
    free(m[i]);
  free(m);
  return s;
}
/* rows r_i = v_i * (1, 2, ..., C); swap rows 0 and R-1 by pointer; sum_i (i+1) sum_j r_i[j]^2 */
static double swapped(const double *v) {
  double **m = (double **)malloc(R * sizeof(double *));
  for (int i = 0; i < R; ++i) {
    m[i] = (double *)malloc(C * sizeof(double));
    for (int j = 0; j < C; ++j)
      m[i][j] = v[i] * (j + 1);
  }
  double *t = m[0];
  m[0] = m[R - 1];
  m[R - 1] = t;
  double s = 0;
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j)
      s += (i + 1) * m[i][j] * m[i][j];
  for (int i = 0; i < R; ++i)
    free(m[i]);
  free(m);
  return s;
}

int main(void) {
  double v[R + C] = {0.5, -0.3, 0.8, 1.1, -0.6, 0.25, 0.9};
  double d[R + C] = {0};
  __enzyme_autodiff((void *)tr3, v, d);
  for (int i = 0; i < R + C; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(tr3, v, R + C, i), 1e-6);

  double ds[R + C] = {0};
  __enzyme_autodiff((void *)swapped, v, ds);
  double cc = 0;
  for (int j = 0; j < C; ++j)
    cc += (j + 1) * (j + 1);
  for (int i = 0; i < R; ++i) {
    int row = i == 0 ? R - 1 : i == R - 1 ? 0 : i; /* where v_i's row ends up */
    EXPECT_NEAR(ds[i], 2 * (row + 1) * cc * v[i], 1e-13);
  }
  for (int j = R; j < R + C; ++j)
    EXPECT_NEAR(ds[j], 0, 0);
  return adj_report();
}
