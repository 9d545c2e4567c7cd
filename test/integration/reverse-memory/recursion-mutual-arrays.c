// Reverse mode through mutual recursion over arrays: two functions calling each other on a
// shrinking prefix of a duplicated input array (even/odd steps with different formulas), and
// a mutual recursion that writes a duplicated work array on the way down and reads it back on
// the way up. Finite differences, and analytic values for a short prefix.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 7
static double odd_step(const double *x, int n);
/* A(n) = x_{n-1}^2 + B(n-1), A(0) = 0 */
static double even_step(const double *x, int n) {
  if (n == 0)
    return 0.0;
  return x[n - 1] * x[n - 1] + odd_step(x, n - 1);
}
/* B(n) = sin(x_{n-1}) (1 + A(n-1)), B(0) = 1 */
static double odd_step(const double *x, int n) {
  if (n == 0)
    return 1.0;
  return sin(x[n - 1]) * (1.0 + even_step(x, n - 1));
}
static double run_even(const double *x) { return even_step(x, N); }

static double up(const double *x, double *w, int i, int n);
static double down(const double *x, double *w, int i, int n) {
  if (i == n)
    return 0.0;
  w[i] = x[i] * (i > 0 ? w[i - 1] : 1.0) + 0.1;
  double r = up(x, w, i + 1, n);
  return r + w[i] * w[i];
}
static double up(const double *x, double *w, int i, int n) {
  if (i == n)
    return 0.0;
  w[i] = cos(x[i]) + 0.5 * w[i - 1];
  double r = down(x, w, i + 1, n);
  return r * (1.0 + 0.1 * w[i]);
}
static double run_down(const double *x) {
  double w[N];
  return down(x, w, 0, N);
}

int main(void) {
  double x[N] = {0.4, -0.3, 0.9, 1.2, -0.8, 0.15, 0.6};
  double d[N] = {0};
  __enzyme_autodiff((void *)even_step, x, d, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(run_even, x, N, i), 1e-6);

  /* n = 3: A(3) = x2^2 + sin(x1) (1 + x0^2 + 1) */
  double d3[N] = {0};
  __enzyme_autodiff((void *)even_step, x, d3, enzyme_const, 3);
  EXPECT_NEAR(d3[0], 2 * x[0] * sin(x[1]), 1e-14);
  EXPECT_NEAR(d3[1], cos(x[1]) * (2 + x[0] * x[0]), 1e-14);
  EXPECT_NEAR(d3[2], 2 * x[2], 1e-14);
  EXPECT_NEAR(d3[3], 0, 0);

  double w[N], dw[N] = {0}, dd[N] = {0};
  __enzyme_autodiff((void *)down, x, dd, w, dw, enzyme_const, 0, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dd[i], rev_fd_vec(run_down, x, N, i), 1e-6);
  return adj_report();
}
