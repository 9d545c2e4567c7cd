// Reverse mode through aligned heap buffers allocated inside the differentiated function:
// posix_memalign (64-byte alignment) for a temporary filled from the input and read
// nonlinearly, and aligned_alloc (32-byte alignment, size a multiple of 32) for a second
// temporary computed from the first; both freed before returning. The buffers are checked to
// be aligned by the primal. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdint.h>
#include <stdlib.h>

#define N 8
static int misaligned;
static double f(const double *x) {
  void *p = 0;
  if (posix_memalign(&p, 64, N * sizeof(double)) != 0)
    return 0.0;
  double *a = (double *)p;
  double *b = (double *)aligned_alloc(32, N * sizeof(double));
  if ((uintptr_t)a % 64 || (uintptr_t)b % 32)
    ++misaligned;
  for (int i = 0; i < N; ++i)
    a[i] = x[i] * x[i] + 1.0;
  for (int i = 0; i < N; ++i)
    b[i] = log(a[i]) * a[(i + 1) % N];
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += b[i];
  free(a);
  free(b);
  return s;
}
/* posix_memalign buffer accumulated into across a loop: t[i] = prod_k (1 + k x_i / 10) */
static double prod(const double *x) {
  double *t;
  if (posix_memalign((void **)&t, 32, N * sizeof(double)))
    return 0.0;
  for (int i = 0; i < N; ++i)
    t[i] = 1.0;
  for (int k = 1; k <= 3; ++k)
    for (int i = 0; i < N; ++i)
      t[i] *= 1.0 + 0.1 * k * x[i];
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += t[i];
  free(t);
  return s;
}

int main(void) {
  double x[N] = {0.4, -0.9, 1.3, 0.2, -0.6, 0.75, 1.0, -0.1};
  double d[N] = {0};
  __enzyme_autodiff((void *)f, x, d);
  EXPECT_NEAR((double)misaligned, 0, 0);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N, q = (i + 1) % N;
    double ai = x[i] * x[i] + 1, ap = x[p] * x[p] + 1, aq = x[q] * x[q] + 1;
    /* s = sum_i log(a_i) a_{i+1}: d/d a_i = a_{i+1} / a_i + log(a_{i-1}) */
    EXPECT_NEAR(d[i], 2 * x[i] * (aq / ai + log(ap)), 1e-13);
    EXPECT_NEAR(d[i], rev_fd_vec(f, x, N, i), 1e-6);
  }

  double dp[N] = {0};
  __enzyme_autodiff((void *)prod, x, dp);
  for (int i = 0; i < N; ++i) {
    double f1 = 1 + 0.1 * x[i], f2 = 1 + 0.2 * x[i], f3 = 1 + 0.3 * x[i];
    EXPECT_NEAR(dp[i], 0.1 * f2 * f3 + 0.2 * f1 * f3 + 0.3 * f1 * f2, 1e-14);
  }
  return adj_report();
}
