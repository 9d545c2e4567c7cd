// Forward mode through a long dot-product/axpy loop that the -O2/-O3 vectorizer turns into SIMD code.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

static double dot(const double *a, const double *b, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

static void axpy(double alpha, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += alpha * x[i];
}

#define N 1000

int main(void) {
  double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double));
  double *da = malloc(N * sizeof(double)), *db = malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i) {
    a[i] = sin(0.01 * i);
    b[i] = cos(0.013 * i) + 0.5;
    da[i] = 1.0 / (1 + i);
    db[i] = (i % 7) * 0.1 - 0.3;
  }
  double d = __enzyme_fwddiff((void *)dot, a, da, b, db, N);
  double exact = 0.0;
  for (int i = 0; i < N; ++i)
    exact += da[i] * b[i] + a[i] * db[i];
  EXPECT_NEAR(d, exact, 1e-10);
  double h = 1e-6;
  double *ap = malloc(N * sizeof(double)), *am = malloc(N * sizeof(double));
  double *bp = malloc(N * sizeof(double)), *bm = malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i) {
    ap[i] = a[i] + h * da[i];
    am[i] = a[i] - h * da[i];
    bp[i] = b[i] + h * db[i];
    bm[i] = b[i] - h * db[i];
  }
  EXPECT_NEAR(d, (dot(ap, bp, N) - dot(am, bm, N)) / (2 * h), 1e-6);

  /* axpy: y += alpha x, active alpha, x and y; odd sizes exercise the scalar epilogue */
  const int sizes[] = {N, N - 1, 3};
  for (int t = 0; t < 3; ++t) {
    int n = sizes[t];
    double *y = malloc(n * sizeof(double)), *dy = malloc(n * sizeof(double));
    for (int i = 0; i < n; ++i) {
      y[i] = 0.5 * i;
      dy[i] = 0.25;
    }
    double alpha = 1.7, dalpha = -0.4;
    __enzyme_fwddiff((void *)axpy, alpha, dalpha, a, da, y, dy, n);
    for (int i = 0; i < n; ++i) {
      EXPECT_NEAR(y[i], 0.5 * i + alpha * a[i], 1e-14);
      EXPECT_NEAR(dy[i], 0.25 + dalpha * a[i] + alpha * da[i], 1e-12);
    }
    free(y);
    free(dy);
  }
  free(a), free(b), free(da), free(db), free(ap), free(am), free(bp), free(bm);
  return adj_report();
}
