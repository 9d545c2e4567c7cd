// Reverse mode through mutable global arrays used as scratch buffers inside the differentiated
// function: a static global and an external global written from the input, then read back
// (nonlinearly, at other indices) in later loops; a global buffer rewritten on every
// iteration of an outer loop (each write overwrites the values read by the previous
// iteration); and a linear use with an analytic gradient. After the gradient call the
// buffers hold what the primal computed. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static double scratch[N];
double g_pairs[2 * N]; /* external linkage */

static double f(const double *x) {
  for (int i = 0; i < N; ++i)
    scratch[i] = sin(x[i]) * x[(i + 1) % N];
  for (int i = 0; i < N; ++i) {
    g_pairs[2 * i] = scratch[i] * scratch[(i + N - 1) % N];
    g_pairs[2 * i + 1] = exp(0.1 * scratch[i]);
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += g_pairs[2 * i] * (i + 1) + g_pairs[2 * i + 1];
  return s;
}
static double reuse(const double *x) {
  double s = 0;
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < N; ++i)
      scratch[i] = x[i] * (k + 1) + s * 0.1;
    for (int i = 0; i < N; ++i)
      s += scratch[i] * scratch[(i + k) % N] * 0.05;
  }
  return s;
}
/* scratch[i] = x_i^2, sum (i + 1) scratch[i]: gradient 2 (i + 1) x_i */
static double lin(const double *x) {
  for (int i = 0; i < N; ++i)
    scratch[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += (i + 1) * scratch[i];
  return s;
}

int main(void) {
  double x[N] = {0.3, -0.8, 1.1, 0.5, -0.2, 0.9};
  double d[N] = {0};
  __enzyme_autodiff((void *)lin, x, d);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d[i], 2 * (i + 1) * x[i], 1e-14);
    EXPECT_NEAR(scratch[i], x[i] * x[i], 1e-15);
  }

  double df[N] = {0};
  __enzyme_autodiff((void *)f, x, df);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(scratch[i], sin(x[i]) * x[(i + 1) % N], 1e-15);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(df[i], rev_fd_vec(f, x, N, i), 1e-6);

  double dr[N] = {0};
  __enzyme_autodiff((void *)reuse, x, dr);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dr[i], rev_fd_vec(reuse, x, N, i), 1e-6);
  return adj_report();
}
