// Reverse mode with arrays in and out: void f(const double *x, double *y, int n) writes every
// y[i] from x[i-1], x[i], x[i+1]; the caller seeds the output shadow dy and gets dx += J^T dy,
// and dy ends at 0 (the output is fully overwritten). Also: dx starting non-zero (the gradient
// is added), and two calls accumulating into the same dx. Analytic and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 7
static void stencil(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double l = i > 0 ? x[i - 1] : 0.0, r = i + 1 < n ? x[i + 1] : 0.0;
    y[i] = 0.5 * x[i] * x[i] + l * r + sin(x[i]);
  }
}
static void stencil_n(const double *x, double *y) { stencil(x, y, N); }

/* (J^T w)_j for the stencil above */
static double jtw(const double *x, const double *w, int j) {
  double s = w[j] * (x[j] + cos(x[j]));
  int i = j + 1; /* y[i] has l = x[j] when 0 < i < N-1 */
  if (i > 0 && i + 1 < N)
    s += w[i] * x[i + 1];
  i = j - 1; /* y[i] has r = x[j] when 0 < i */
  if (i > 0 && i + 1 < N)
    s += w[i] * x[i - 1];
  return s;
}

int main(void) {
  double x[N], y[N], dx[N] = {0}, dy[N], w[N];
  for (int i = 0; i < N; ++i) {
    x[i] = 0.3 * i - 0.8 + 0.1 * sin(i);
    w[i] = 1.0 + 0.5 * i;
    dy[i] = w[i];
  }
  __enzyme_autodiff((void *)stencil, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], 0.5 * x[i] * x[i] + (i > 0 && i + 1 < N ? x[i - 1] * x[i + 1] : 0.0) +
                          sin(x[i]), 1e-15);
    EXPECT_NEAR(dx[i], jtw(x, w, i), 1e-12);
    EXPECT_NEAR(dx[i], rm_fd_out(stencil_n, x, N, N, w, i), 1e-6);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  /* dx starts at 1 and a second call adds the same gradient again */
  for (int i = 0; i < N; ++i) {
    dx[i] = 1.0;
    dy[i] = w[i];
  }
  __enzyme_autodiff((void *)stencil, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    dy[i] = w[i];
  __enzyme_autodiff((void *)stencil, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], 1.0 + 2.0 * jtw(x, w, i), 1e-12);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  /* one-hot seeds give the rows of J^T: column j of J is the gradient of y[j] */
  for (int j = 0; j < N; ++j) {
    double e[N] = {0}, g[N] = {0};
    e[j] = 1.0;
    memcpy(dy, e, sizeof dy);
    __enzyme_autodiff((void *)stencil, enzyme_dup, x, g, enzyme_dup, y, dy, enzyme_const, N);
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(g[i], jtw(x, e, i), 1e-12);
  }
  return adj_report();
}
