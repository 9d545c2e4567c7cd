// Forward mode through double** (an array of row pointers), with a matching shadow pointer array.
// RUN: %check-program %s
#include "adjoint_test.h"

#define R 3
#define C 4

/* Frobenius norm squared of A plus trace of A*A^T-weighted sum of row products */
static double rows_energy(double **A) {
  double s = 0.0;
  for (int i = 0; i < R; ++i) {
    double rowsum = 0.0;
    for (int j = 0; j < C; ++j) {
      s += A[i][j] * A[i][j];
      rowsum += A[i][j];
    }
    s += sin(rowsum);
  }
  return s;
}

int main(void) {
  double data[R][C] = {{0.1, 0.2, -0.3, 0.4}, {1.0, -1.0, 0.5, 0.25}, {0.7, 0.0, -0.2, 0.9}};
  double ddata[R][C] = {{0}};
  double *A[R] = {data[0], data[1], data[2]};
  double *dA[R] = {ddata[0], ddata[1], ddata[2]};
  for (int i = 0; i < R; ++i) {
    for (int j = 0; j < C; ++j) {
      ddata[i][j] = 1.0;
      double d = __enzyme_fwddiff((void *)rows_energy, A, dA);
      ddata[i][j] = 0.0;
      double rowsum = 0.0;
      for (int k = 0; k < C; ++k)
        rowsum += data[i][k];
      EXPECT_NEAR(d, 2 * data[i][j] + cos(rowsum), 1e-12);
      double h = 1e-6, orig = data[i][j];
      data[i][j] = orig + h;
      double fp = rows_energy(A);
      data[i][j] = orig - h;
      double fm = rows_energy(A);
      data[i][j] = orig;
      EXPECT_NEAR(d, (fp - fm) / (2 * h), 1e-6);
    }
  }
  return adj_report();
}
