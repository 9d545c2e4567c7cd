// Reverse mode of a numerically stable log-sum-exp (max shift found with a data-dependent branch): the gradient is the softmax.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double lse(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += exp(x[i] - m);
  return m + log(s);
}
/* cross-entropy of softmax(x) against a const one-hot-ish target t */
static double xent(const double *x, const double *t, int n) {
  double l = lse(x, n), r = 0.0;
  for (int i = 0; i < n; ++i)
    r += t[i] * (l - x[i]);
  return r;
}

#define N 10
static double T[N];
static double g(const double *x) { return lse(x, N); }
static double gx(const double *x) { return xent(x, T, N); }

int main(void) {
  double x[N], dx[N];
  double tsum = 0.0;
  for (int i = 0; i < N; ++i) {
    x[i] = 3.0 * sin(1.7 * i + 0.2); /* distinct values: the max is unique */
    T[i] = 0.05 * (i + 1);
    tsum += T[i];
  }
  for (int shift = 0; shift < 3; ++shift) {
    for (int i = 0; i < N; ++i)
      x[i] += 10.0 * shift;
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)lse, enzyme_dup, x, dx, N);
    double l = lse(x, N), sum = 0.0;
    for (int i = 0; i < N; ++i) {
      EXPECT_NEAR(dx[i], exp(x[i] - l), 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
      sum += dx[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);

    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)xent, enzyme_dup, x, dx, enzyme_const, T, N);
    for (int i = 0; i < N; ++i) {
      EXPECT_NEAR(dx[i], tsum * exp(x[i] - l) - T[i], 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(gx, x, N, i), 1e-6);
    }
  }
  return adj_report();
}
