// Reverse mode through C++ new[] / delete[] inside loops of the differentiated function: a
// buffer of a size that changes every iteration (new double[k + 1]) allocated, filled from
// the input and the running value, reduced and deleted in the same iteration; and an array
// of row pointers allocated with new double*[n], each row with new double[], the rows deleted
// in a second loop in reverse order. Finite differences and an analytic value.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
static double varsize(const double *x) {
  double r = 0.5;
  for (int k = 0; k < N; ++k) {
    double *t = new double[k + 1];
    for (int i = 0; i <= k; ++i)
      t[i] = x[i] * r + 0.1 * i;
    double s = 0;
    for (int i = 0; i <= k; ++i)
      s += t[i] * t[k - i];
    r = 0.5 * r + 0.1 * s;
    delete[] t;
  }
  return r;
}
/* rows[i][j] = x_i^(j+1) for j <= i; sum of all entries */
static double rows(const double *x) {
  double **m = new double *[N];
  for (int i = 0; i < N; ++i) {
    m[i] = new double[i + 1];
    double p = 1;
    for (int j = 0; j <= i; ++j) {
      p *= x[i];
      m[i][j] = p;
    }
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j <= i; ++j)
      s += m[i][j];
  for (int i = N - 1; i >= 0; --i)
    delete[] m[i];
  delete[] m;
  return s;
}

int main() {
  double x[N] = {0.6, -0.4, 0.9, 1.3, -0.8};
  double d[N] = {0};
  __enzyme_autodiff((void *)varsize, x, d);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(varsize, x, N, i), 1e-6);

  double dr[N] = {0};
  __enzyme_autodiff((void *)rows, x, dr);
  for (int i = 0; i < N; ++i) {
    double want = 0;
    for (int j = 0; j <= i; ++j)
      want += (j + 1) * pow(x[i], j);
    EXPECT_NEAR(dr[i], want, 1e-13);
  }
  return adj_report();
}
