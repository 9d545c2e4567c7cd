// Forward mode through matrix-vector and matrix-matrix products with active matrix and vector.
// RUN: %check-program %s
#include "adjoint_test.h"

#define M 4
#define N 3

static void matvec(const double *A, const double *x, double *y) {
  for (int i = 0; i < M; ++i) {
    double s = 0.0;
    for (int j = 0; j < N; ++j)
      s += A[i * N + j] * x[j];
    y[i] = s;
  }
}

/* y = tanh(A x) and returns |y|^2 -- one layer of a tiny network */
static double layer(const double *A, const double *x, double *y) {
  matvec(A, x, y);
  double s = 0.0;
  for (int i = 0; i < M; ++i) {
    y[i] = tanh(y[i]);
    s += y[i] * y[i];
  }
  return s;
}

int main(void) {
  double A[M * N], dA[M * N], x[N] = {0.5, -0.3, 0.8}, dx[N] = {1.0, 0.25, -0.5};
  for (int k = 0; k < M * N; ++k) {
    A[k] = sin(1.3 * k) * 0.7;
    dA[k] = cos(0.7 * k) * 0.5;
  }
  double y[M], dy[M];
  __enzyme_fwddiff((void *)matvec, A, dA, x, dx, y, dy);
  for (int i = 0; i < M; ++i) {
    double exact = 0.0;
    for (int j = 0; j < N; ++j)
      exact += dA[i * N + j] * x[j] + A[i * N + j] * dx[j];
    EXPECT_NEAR(dy[i], exact, 1e-12);
  }
  double ds = __enzyme_fwddiff((void *)layer, A, dA, x, dx, y, dy);
  double h = 1e-6, Ap[M * N], Am[M * N], xp[N], xm[N], yp[M], ym[M];
  for (int k = 0; k < M * N; ++k) {
    Ap[k] = A[k] + h * dA[k];
    Am[k] = A[k] - h * dA[k];
  }
  for (int j = 0; j < N; ++j) {
    xp[j] = x[j] + h * dx[j];
    xm[j] = x[j] - h * dx[j];
  }
  double sp = layer(Ap, xp, yp), sm = layer(Am, xm, ym);
  EXPECT_NEAR(ds, (sp - sm) / (2 * h), 1e-6);
  for (int i = 0; i < M; ++i)
    EXPECT_NEAR(dy[i], (yp[i] - ym[i]) / (2 * h), 1e-6);
  return adj_report();
}
