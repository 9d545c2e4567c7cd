// Reverse mode with outputs that are not simply overwritten: y[i] += g(x) (the output's shadow
// keeps its seed: it is also the adjoint of y's initial value), outputs written only at even
// indices (odd dy untouched, even dy to 0), an output written twice (only the last write
// counts), and an output that reads its own old value (y[i] = y[i] * x[i]).
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static void accum(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += x[i] * x[i];
}
static void evens(const double *x, double *y, int n) {
  for (int i = 0; i < n; i += 2)
    y[i] = exp(x[i]) * x[i + 1];
}
static void twice(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = 100.0 * x[i];
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[(i + 1) % n];
}
static void scale(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = y[i] * x[i];
}

int main(void) {
  double x[N] = {0.5, -0.25, 1.5, 0.75, -1.0, 0.3}, w[N] = {1, 2, 3, -1, -2, 0.5};
  double y[N], dy[N], dx[N];

  for (int i = 0; i < N; ++i) {
    y[i] = 10.0 + i;
    dy[i] = w[i];
    dx[i] = 0;
  }
  __enzyme_autodiff((void *)accum, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], 10.0 + i + x[i] * x[i], 1e-14);
    EXPECT_NEAR(dx[i], 2 * x[i] * w[i], 1e-14);
    EXPECT_NEAR(dy[i], w[i], 0.0); /* d y_final / d y_initial = 1 */
  }

  for (int i = 0; i < N; ++i) {
    y[i] = -5.0;
    dy[i] = w[i];
    dx[i] = 0;
  }
  __enzyme_autodiff((void *)evens, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; i += 2) {
    EXPECT_NEAR(dx[i], w[i] * exp(x[i]) * x[i + 1], 1e-14);
    EXPECT_NEAR(dx[i + 1], w[i] * exp(x[i]), 1e-14);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
    EXPECT_NEAR(dy[i + 1], w[i + 1], 0.0);
    EXPECT_NEAR(y[i + 1], -5.0, 0.0);
  }

  for (int i = 0; i < N; ++i) {
    dy[i] = w[i];
    dx[i] = 0;
  }
  __enzyme_autodiff((void *)twice, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    /* y_j = x_j x_{j+1}; y_{j-1} = x_{j-1} x_j */
    double want = w[j] * x[(j + 1) % N] + w[(j + N - 1) % N] * x[(j + N - 1) % N];
    EXPECT_NEAR(dx[j], want, 1e-14);
    EXPECT_NEAR(dy[j], 0.0, 0.0);
  }

  for (int i = 0; i < N; ++i) {
    y[i] = 0.5 * i - 1.0;
    dy[i] = w[i];
    dx[i] = 0;
  }
  double y0[N];
  memcpy(y0, y, sizeof y);
  __enzyme_autodiff((void *)scale, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], y0[i] * x[i], 1e-15);
    EXPECT_NEAR(dx[i], w[i] * y0[i], 1e-14);
    EXPECT_NEAR(dy[i], w[i] * x[i], 1e-14); /* adjoint of the initial y */
  }
  return adj_report();
}
