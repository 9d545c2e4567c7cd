// Reverse mode through C++ std::vector<double> local temporaries inside the differentiated
// function (operator new / delete underneath): a vector constructed from the input range, a
// sized vector filled by index, and a vector returned by value from a noinline helper.
// Analytic values and finite differences. (A vector grown by push_back is not differentiated
// yet: see diagnostics/reverse-vector-growth.cpp.)
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <vector>

#define N 6
static double ranges(const double *x) {
  std::vector<double> v(x, x + N);
  std::vector<double> w(N);
  for (int i = 0; i < N; ++i)
    w[i] = v[i] * v[(i + 1) % N];
  double s = 0;
  for (double t : w)
    s += t * t;
  return s;
}
__attribute__((noinline)) static std::vector<double> squares(const double *x, int n) {
  std::vector<double> r(n);
  for (int i = 0; i < n; ++i)
    r[i] = sin(x[i]) * sin(x[i]);
  return r;
}
static double from_helper(const double *x) {
  std::vector<double> r = squares(x, N);
  double s = 1;
  for (int i = 0; i < N; ++i)
    s += r[i] * (i + 1);
  return log(s);
}

int main() {
  double x[N] = {0.3, -0.7, 1.1, 0.45, -1.2, 0.8};
  double d[N] = {0};
  __enzyme_autodiff((void *)ranges, x, d);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N, q = (i + 1) % N;
    EXPECT_NEAR(d[i], 2 * x[i] * (x[q] * x[q] + x[p] * x[p]), 1e-14);
  }

  double dh[N] = {0};
  __enzyme_autodiff((void *)from_helper, x, dh);
  double s = 1;
  for (int i = 0; i < N; ++i)
    s += sin(x[i]) * sin(x[i]) * (i + 1);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dh[i], (i + 1) * 2 * sin(x[i]) * cos(x[i]) / s, 1e-14);
    EXPECT_NEAR(dh[i], rev_fd_vec(from_helper, x, N, i), 1e-6);
  }
  return adj_report();
}
