// cblas_ routines from the system OpenBLAS, which Adjoint has no source for:
// their library rules (lib/Rules/library/) in reverse and forward mode, for
// every layout and transpose of gemv and gemm, strided and reversed vectors,
// alpha and beta active (read from the inputs) or constant. Each objective
// copies its inputs p into work memory, calls the routine, and returns a
// weighted sum of squares of what it wrote; the gradient in p is checked
// against central differences, and the forward tangent along a direction
// against the gradient and against a directional difference.
// link: -lopenblas
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cblas.h>

enum { NP = 64 };

/* Writes p into w and returns sum_k (k % 3 + 1) w[k]^2 over [from, to). */
static double squares(const double *w, int from, int to) {
  double s = 0;
  for (int k = from; k < to; ++k)
    s += (k % 3 + 1) * w[k] * w[k];
  return s;
}

/* gemv: A 3 x 2 (lda 4) or its transpose; x at 12, y at 20, alpha p[30],
   beta p[31]. c: bit 0 row-major, bit 1 transposed, bit 2 strided (incx 2,
   incy -1), bit 3 alpha and beta constant. */
static double gemv(const double *p, double *w, int c) {
  for (int k = 0; k < 32; ++k)
    w[k] = p[k];
  int order = c & 1 ? CblasRowMajor : CblasColMajor;
  int trans = c & 2 ? CblasTrans : CblasNoTrans;
  int incx = c & 4 ? 2 : 1, incy = c & 4 ? -1 : 1;
  double alpha = c & 8 ? 1.5 : p[30], beta = c & 8 ? -0.5 : p[31];
  cblas_dgemv(order, trans, 3, 2, alpha, w, 4, w + 12, incx, beta, w + 20, incy);
  return squares(w, 20, 23) + 0.1 * squares(w, 0, 12);
}

/* gemm: C (m 3 x n 2, ldc 4) = alpha op(A) op(B) + beta C, k 4; A at 0
   (lda 5, 20 values), B at 20 (ldb 5), C at 40; alpha p[56], beta p[57].
   c: bit 0 row-major, bit 1 A transposed, bit 2 B transposed, bit 3
   constant alpha and beta. */
static double gemm(const double *p, double *w, int c) {
  for (int k = 0; k < 58; ++k)
    w[k] = p[k];
  int order = c & 1 ? CblasRowMajor : CblasColMajor;
  int ta = c & 2 ? CblasTrans : CblasNoTrans, tb = c & 4 ? CblasTrans : CblasNoTrans;
  double alpha = c & 8 ? 0.75 : p[56], beta = c & 8 ? 1.25 : p[57];
  cblas_dgemm(order, ta, tb, 3, 2, 4, alpha, w, 5, w + 20, 5, beta, w + 40, 4);
  return squares(w, 40, 48);
}

/* axpy, scal, dot, nrm2 on strided and reversed vectors: x at 0 (stride 2),
   y at 16 (stride -1), alpha p[30]. c: bit 0 constant alpha. */
static double vectors(const double *p, double *w, int c) {
  for (int k = 0; k < 32; ++k)
    w[k] = p[k];
  double alpha = c & 1 ? 0.6 : p[30];
  cblas_daxpy(5, alpha, w, 2, w + 16, -1);
  cblas_dscal(5, alpha, w, 2);
  double d = cblas_ddot(5, w, 2, w + 16, -1);
  /* nrm2 of a reversed vector is 0, as BLAS defines it */
  return d * d + cblas_dnrm2(5, w + 16, 1) + cblas_dnrm2(3, w, -1) + squares(w, 0, 10);
}

static void fill(double *p, double seed) {
  for (int k = 0; k < NP; ++k)
    p[k] = sin(seed + 1.7 * k) + 0.3;
}

/* The gradient against central differences, and the tangent along v
   against the gradient and a directional difference. */
#define CHECK(f, c)                                                                           \
  do {                                                                                        \
    double p[NP], dp[NP] = {0}, w[NP], dw[NP] = {0}, v[NP];                                   \
    fill(p, 0.1 * (c) + 0.3);                                                                 \
    fill(v, 2.9 + (c));                                                                       \
    __enzyme_autodiff((void *)f, p, dp, w, dw, enzyme_const, c);                              \
    double slope = 0;                                                                         \
    for (int k = 0; k < NP; ++k) {                                                            \
      double h = 1e-6, q[NP];                                                                 \
      for (int j = 0; j < NP; ++j)                                                            \
        q[j] = p[j];                                                                          \
      q[k] = p[k] + h;                                                                        \
      double up = f(q, w, c);                                                                 \
      q[k] = p[k] - h;                                                                        \
      double down = f(q, w, c);                                                               \
      EXPECT_NEAR(dp[k], (up - down) / (2 * h), 1e-6);                                        \
      slope += dp[k] * v[k];                                                                  \
    }                                                                                         \
    double dw2[NP] = {0};                                                                     \
    double t = __enzyme_fwddiff((void *)f, p, v, w, dw2, enzyme_const, c);                    \
    EXPECT_NEAR(t, slope, 1e-10);                                                             \
    double q[NP], r[NP];                                                                      \
    for (int j = 0; j < NP; ++j) {                                                            \
      q[j] = p[j] + 1e-6 * v[j];                                                              \
      r[j] = p[j] - 1e-6 * v[j];                                                              \
    }                                                                                         \
    EXPECT_NEAR(t, (f(q, w, c) - f(r, w, c)) / 2e-6, 1e-6);                                   \
  } while (0)

int main(void) {
  for (int c = 0; c < 16; ++c)
    CHECK(gemv, c);
  for (int c = 0; c < 16; ++c)
    CHECK(gemm, c);
  for (int c = 0; c < 2; ++c)
    CHECK(vectors, c);
  return adj_report();
}
