// Reverse mode through heap temporaries inside the differentiated function: a malloc'ed array
// filled from the input, read, and freed; a malloc'ed array of intermediate values that is
// read in the reverse order and freed before the function returns; an allocation whose size
// depends on an int argument; and a helper that returns a malloc'ed buffer. Analytic values
// and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 6
static double pairs(const double *x, int n) {
  double *t = (double *)malloc(sizeof(double) * n);
  for (int i = 0; i < n; ++i)
    t[i] = exp(x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += t[i] * t[(i + 1) % n];
  free(t);
  return s;
}
static double *make_squares(const double *x, int n) {
  double *t = (double *)malloc(sizeof(double) * n);
  for (int i = 0; i < n; ++i)
    t[i] = x[i] * x[i];
  return t;
}
static double backwards(const double *x, int n, double a) {
  double *sq = make_squares(x, n);
  double *acc = (double *)malloc(sizeof(double) * (n + 1));
  acc[n] = a;
  for (int i = n - 1; i >= 0; --i)
    acc[i] = acc[i + 1] * 0.5 + sq[i] * a;
  double r = acc[0];
  free(sq);
  free(acc);
  return r;
}
static double pairs_n(double *x) { return pairs(x, N); }

int main(void) {
  double x[N] = {0.2, -0.4, 0.7, 1.0, -0.9, 0.3}, dx[N] = {0};
  __enzyme_autodiff((void *)pairs, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    double want = exp(x[i]) * (exp(x[(i + 1) % N]) + exp(x[(i + N - 1) % N]));
    EXPECT_NEAR(dx[i], want, 1e-13);
    EXPECT_NEAR(dx[i], rm_fd(pairs_n, x, N, i), 1e-6);
  }

  /* acc[0] = a 0.5^n + a sum_i x_i^2 0.5^i */
  double gx[N] = {0}, a = 1.4;
  double da = __enzyme_autodiff((void *)backwards, enzyme_dup, x, gx, enzyme_const, N, a);
  double want_a = pow(0.5, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(gx[i], 2 * a * x[i] * pow(0.5, i), 1e-14);
    want_a += x[i] * x[i] * pow(0.5, i);
  }
  EXPECT_NEAR(da, want_a, 1e-14);
  return adj_report();
}
