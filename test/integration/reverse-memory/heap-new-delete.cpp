// Reverse mode through C++ heap temporaries inside the differentiated function: new double,
// new double[n] / delete[] (also inside a loop), and a struct allocated with new, filled from
// the inputs and deleted. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
struct Acc {
  double sum, sq;
};
static double arr(const double *x, int n) {
  double *t = new double[n];
  for (int i = 0; i < n; ++i)
    t[i] = x[i] * x[i] + 1.0;
  double *s = new double(0.0);
  for (int i = 0; i < n; ++i)
    *s += log(t[i]) * t[(i + 2) % n];
  double r = *s;
  delete s;
  delete[] t;
  return r;
}
static double loop_new(const double *x, int n, int iters) {
  double r = 0;
  for (int k = 0; k < iters; ++k) {
    double *t = new double[n];
    for (int i = 0; i < n; ++i)
      t[i] = x[i] * (k + 1) + r * 0.1;
    for (int i = 0; i < n; ++i)
      r += t[i] * t[n - 1 - i] * 0.05;
    delete[] t;
  }
  return r;
}
static double obj(const double *x, int n) {
  Acc *a = new Acc{0.0, 0.0};
  for (int i = 0; i < n; ++i) {
    a->sum += x[i];
    a->sq += x[i] * x[i];
  }
  double var = a->sq / n - (a->sum / n) * (a->sum / n);
  delete a;
  return var;
}
static double arr_n(double *x) { return arr(x, N); }
static double loop_n(double *x) { return loop_new(x, N, 3); }

int main() {
  double x[N] = {0.3, -0.8, 1.1, 0.5, -0.2};
  double d1[N] = {0}, d2[N] = {0}, d3[N] = {0};
  __enzyme_autodiff((void *)arr, enzyme_dup, x, d1, enzyme_const, N);
  __enzyme_autodiff((void *)loop_new, enzyme_dup, x, d2, enzyme_const, N, enzyme_const, 3);
  __enzyme_autodiff((void *)obj, enzyme_dup, x, d3, enzyme_const, N);
  double mean = 0;
  for (int i = 0; i < N; ++i)
    mean += x[i] / N;
  for (int i = 0; i < N; ++i) {
    double ti = x[i] * x[i] + 1;
    double want = 2 * x[i] / ti * (x[(i + 2) % N] * x[(i + 2) % N] + 1) +
                  log(x[(i + N - 2) % N] * x[(i + N - 2) % N] + 1) * 2 * x[i];
    EXPECT_NEAR(d1[i], want, 1e-13);
    EXPECT_NEAR(d1[i], rm_fd(arr_n, x, N, i), 1e-6);
    EXPECT_NEAR(d2[i], rm_fd(loop_n, x, N, i), 1e-6);
    EXPECT_NEAR(d3[i], 2.0 * (x[i] - mean) / N, 1e-14);
  }
  return adj_report();
}
