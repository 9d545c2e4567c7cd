// Reverse mode gradient w.r.t. a duplicated input array of a sum of squares (n an int argument), accumulated into the shadow.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double sumsq(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

#define N 37
static int NN = N;
static double g(const double *x) { return sumsq(x, NN); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = sin(0.7 * i) * 2.0 - 0.3;
  for (int n = 0; n <= N; n += 6) {
    NN = n;
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)sumsq, enzyme_dup, x, dx, n);
    for (int i = 0; i < N; ++i) {
      EXPECT_NEAR(dx[i], i < n ? 2 * x[i] : 0.0, 1e-12);
      if (i < n)
        EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
    }
  }
  /* pointers are duplicated by default: no marker */
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)sumsq, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 2 * x[i], 1e-12);
  /* the gradient is added: a second call doubles it, a non-zero start is kept */
  __enzyme_autodiff((void *)sumsq, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 4 * x[i], 1e-12);
  for (int i = 0; i < N; ++i)
    dx[i] = 100.0 + i;
  __enzyme_autodiff((void *)sumsq, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 100.0 + i + 2 * x[i], 1e-12);
  return adj_report();
}
