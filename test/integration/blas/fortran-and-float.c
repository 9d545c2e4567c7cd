// The Fortran spellings of the BLAS routines (every argument by reference,
// column-major) and the float routines of both spellings, from the system
// OpenBLAS, through their library rules. Double objectives are checked
// against central differences; each float objective computes what a double
// one does, and its gradient and tangent are checked against the double's
// (float differences are too coarse to check against).
// link: -lopenblas
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cblas.h>

double ddot_(const int *, const double *, const int *, const double *, const int *);
double dnrm2_(const int *, const double *, const int *);
void daxpy_(const int *, const double *, const double *, const int *, double *, const int *);
void dscal_(const int *, const double *, double *, const int *);
void dgemv_(const char *, const int *, const int *, const double *, const double *, const int *,
            const double *, const int *, const double *, double *, const int *);
void dgemm_(const char *, const char *, const int *, const int *, const int *, const double *,
            const double *, const int *, const double *, const int *, const double *, double *,
            const int *);
float sdot_(const int *, const float *, const int *, const float *, const int *);
float snrm2_(const int *, const float *, const int *);
void saxpy_(const int *, const float *, const float *, const int *, float *, const int *);
void sscal_(const int *, const float *, float *, const int *);
void sgemv_(const char *, const int *, const int *, const float *, const float *, const int *,
            const float *, const int *, const float *, float *, const int *);
void sgemm_(const char *, const char *, const int *, const int *, const int *, const float *,
            const float *, const int *, const float *, const int *, const float *, float *,
            const int *);

enum { NP = 64 };

#define SQUARES(T)                                                                            \
  static T squares_##T(const T *w, int from, int to) {                                        \
    T s = 0;                                                                                  \
    for (int k = from; k < to; ++k)                                                           \
      s += (k % 3 + 1) * w[k] * w[k];                                                         \
    return s;                                                                                 \
  }
SQUARES(double)
SQUARES(float)

/* One objective per precision and spelling; the scalars alpha and beta live
   in work memory (Fortran passes them by reference), so they are active.
   c: bit 0 transposed (gemv: A; gemm: A), bit 1 (gemm) B transposed. */
#define OBJECTIVES(T, pre, P)                                                                 \
  static T fgemv_##T(const T *p, T *w, int c) {                                               \
    for (int k = 0; k < 32; ++k)                                                              \
      w[k] = p[k];                                                                            \
    int m = 3, n = 2, lda = 4, inc = 1, incy = c & 2 ? -1 : 1;                                \
    pre##gemv_(c & 1 ? "T" : "N", &m, &n, w + 30, w, &lda, w + 12, &inc, w + 31, w + 20,      \
               &incy);                                                                        \
    return squares_##T(w, 20, 23) + (T)0.1 * squares_##T(w, 0, 12);                           \
  }                                                                                           \
  static T fgemm_##T(const T *p, T *w, int c) {                                               \
    for (int k = 0; k < 58; ++k)                                                              \
      w[k] = p[k];                                                                            \
    int m = 3, n = 2, k = 4, lda = 5, ldb = 5, ldc = 4;                                       \
    pre##gemm_(c & 1 ? "T" : "N", c & 2 ? "t" : "n", &m, &n, &k, w + 56, w, &lda, w + 20,     \
               &ldb, w + 57, w + 40, &ldc);                                                   \
    return squares_##T(w, 40, 48);                                                            \
  }                                                                                           \
  static T fvectors_##T(const T *p, T *w, int c) {                                            \
    for (int k = 0; k < 32; ++k)                                                              \
      w[k] = p[k];                                                                            \
    int n = 5, two = 2, back = -1, one = 1;                                                   \
    pre##axpy_(&n, w + 30, w, &two, w + 16, &back);                                           \
    pre##scal_(&n, w + 30, w, &two);                                                          \
    T d = pre##dot_(&n, w, &two, w + 16, &back);                                              \
    return d * d + pre##nrm2_(&n, w + 16, &one) + squares_##T(w, 0, 10);                      \
  }                                                                                           \
  /* The same through cblas_, row-major. */                                                   \
  static T cgemm_##T(const T *p, T *w, int c) {                                               \
    for (int k = 0; k < 58; ++k)                                                              \
      w[k] = p[k];                                                                            \
    cblas_##P##gemm(CblasRowMajor, c & 1 ? CblasTrans : CblasNoTrans,                         \
                    c & 2 ? CblasTrans : CblasNoTrans, 3, 2, 4, p[56], w, 5, w + 20, 5,       \
                    p[57], w + 40, 4);                                                        \
    cblas_##P##gemv(CblasRowMajor, CblasNoTrans, 3, 2, p[58], w + 40, 4, w + 20, 1, p[59],    \
                    w + 50, 1);                                                               \
    cblas_##P##axpy(3, p[60], w + 50, 1, w + 44, 1);                                          \
    cblas_##P##scal(3, p[61], w + 44, 1);                                                     \
    return squares_##T(w, 40, 53) + cblas_##P##dot(3, w + 50, 1, w + 40, 1) +                \
           cblas_##P##nrm2(3, w + 40, 1);                                                     \
  }
OBJECTIVES(double, d, d)
OBJECTIVES(float, s, s)

static void fill(double *p, double seed) {
  for (int k = 0; k < NP; ++k)
    p[k] = sin(seed + 1.7 * k) + 0.3;
}

/* Double: the gradient against central differences and the tangent
   against the gradient. Float: both against the double's. */
#define CHECK(name, c)                                                                        \
  do {                                                                                        \
    double p[NP], dp[NP] = {0}, w[NP], dw[NP] = {0}, v[NP];                                   \
    fill(p, 0.1 * (c) + 0.3);                                                                 \
    fill(v, 2.9 + (c));                                                                       \
    __enzyme_autodiff((void *)name##_double, p, dp, w, dw, enzyme_const, c);                  \
    double slope = 0;                                                                         \
    for (int k = 0; k < NP; ++k) {                                                            \
      double q[NP];                                                                           \
      for (int j = 0; j < NP; ++j)                                                            \
        q[j] = p[j];                                                                          \
      q[k] = p[k] + 1e-6;                                                                     \
      double up = name##_double(q, w, c);                                                     \
      q[k] = p[k] - 1e-6;                                                                     \
      EXPECT_NEAR(dp[k], (up - name##_double(q, w, c)) / 2e-6, 1e-6);                         \
      slope += dp[k] * v[k];                                                                  \
    }                                                                                         \
    double dw2[NP] = {0};                                                                     \
    EXPECT_NEAR(__enzyme_fwddiff((void *)name##_double, p, v, w, dw2, enzyme_const, c),       \
                slope, 1e-10);                                                                \
    float pf[NP], dpf[NP] = {0}, wf[NP], dwf[NP] = {0}, vf[NP], dwf2[NP] = {0};               \
    for (int k = 0; k < NP; ++k) {                                                            \
      pf[k] = (float)p[k];                                                                    \
      vf[k] = (float)v[k];                                                                    \
    }                                                                                         \
    __enzyme_autodiff((void *)name##_float, pf, dpf, wf, dwf, enzyme_const, c);               \
    for (int k = 0; k < NP; ++k)                                                              \
      EXPECT_NEAR(dpf[k], dp[k], 1e-4);                                                       \
    float tf = __enzyme_fwddiff((void *)name##_float, pf, vf, wf, dwf2, enzyme_const, c);     \
    EXPECT_NEAR(tf, slope, 1e-4);                                                             \
  } while (0)

int main(void) {
  for (int c = 0; c < 4; ++c) {
    CHECK(fgemv, c);
    CHECK(fgemm, c);
    CHECK(cgemm, c);
  }
  CHECK(fvectors, 0);
  return adj_report();
}
