#include <adjoint/enzyme.h>
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
/* Reverse mode through a system BLAS (OpenBLAS, one thread): the gradient of
   |A B x|^2 by Adjoint's BLAS rules, against the primal and against the
   gradient written by hand with the same BLAS calls. Usage: bench/blas/run.sh */
enum { N = 256 };
static double f(const double *A, const double *B, double *C, const double *x, double *y) {
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.0, A, N, B, N, 0.0, C, N);
  cblas_dgemv(CblasRowMajor, CblasNoTrans, N, N, 1.0, C, N, x, 1, 0.0, y, 1);
  return cblas_ddot(N, y, 1, y, 1);
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(void) {
  double *A = malloc(8 * N * N), *B = malloc(8 * N * N), *C = malloc(8 * N * N), *x = malloc(8 * N), *y = malloc(8 * N);
  double *dA = calloc(N * N, 8), *dB = calloc(N * N, 8), *dC = calloc(N * N, 8), *dx = calloc(N, 8), *dy = calloc(N, 8);
  for (int i = 0; i < N * N; ++i) { A[i] = (i % 7) * 0.01; B[i] = (i % 5) * 0.02; }
  for (int i = 0; i < N; ++i) x[i] = 0.1 * (i % 3);
  double best_p = 1e9, best_g = 1e9, s = 0;
  for (int r = 0; r < 15; ++r) {
    double t0 = now(); s += f(A, B, C, x, y); double t1 = now();
    __enzyme_autodiff((void *)f, A, dA, B, dB, C, dC, x, dx, y, dy); double t2 = now();
    if (t1 - t0 < best_p) best_p = t1 - t0;
    if (t2 - t1 < best_g) best_g = t2 - t1;
  }
  /* hand-written: ybar = 2y; dx = C^T ybar; dC = ybar x^T; dA = dC B^T; dB = A^T dC */
  double best_h = 1e9;
  for (int r = 0; r < 15; ++r) {
    double t0 = now();
    s += f(A, B, C, x, y);
    for (int i = 0; i < N; ++i) dy[i] = 2 * y[i];
    cblas_dgemv(CblasRowMajor, CblasTrans, N, N, 1.0, C, N, dy, 1, 1.0, dx, 1);
    for (int i = 0; i < N * N; ++i) dC[i] = 0;
    cblas_dger(CblasRowMajor, N, N, 1.0, dy, 1, x, 1, dC, N);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, N, N, N, 1.0, dC, N, B, N, 1.0, dA, N);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, N, N, N, 1.0, A, N, dC, N, 1.0, dB, N);
    double t1 = now();
    if (t1 - t0 < best_h) best_h = t1 - t0;
  }
  printf("primal %.3f ms  adjoint %.3f ms (%.2fx primal)  hand %.3f ms  adjoint/hand %.2f  [%g]\n", 1e3 * best_p, 1e3 * best_g, best_g / best_p, 1e3 * best_h, best_g / best_h, s > 0 ? 1.0 : 0.0);
}
