// Forward mode with duplicated input and output arrays: the output shadow receives J*dx.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 5

/* y[i] = x[i] * x[(i+1)%N] + sin(x[i]) */
static void f(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = x[i] * x[(i + 1) % N] + sin(x[i]);
}

int main(void) {
  double x[N] = {0.3, -1.2, 0.7, 2.1, -0.4};
  double y[N], dy[N];
  /* full Jacobian column by column, against the analytic Jacobian and finite differences */
  for (int j = 0; j < N; ++j) {
    double dx[N] = {0};
    dx[j] = 1.0;
    for (int i = 0; i < N; ++i)
      dy[i] = -99.0; /* output shadow is overwritten, not accumulated */
    __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy);
    double xp[N], xm[N], yp[N], ym[N];
    for (int i = 0; i < N; ++i)
      xp[i] = xm[i] = x[i];
    double h = 1e-6;
    xp[j] += h;
    xm[j] -= h;
    f(xp, yp);
    f(xm, ym);
    for (int i = 0; i < N; ++i) {
      double exact = 0.0;
      if (i == j)
        exact += x[(i + 1) % N] + cos(x[i]);
      if ((i + 1) % N == j)
        exact += x[i];
      EXPECT_NEAR(dy[i], exact, 1e-12);
      EXPECT_NEAR(dy[i], (yp[i] - ym[i]) / (2 * h), 1e-6);
      EXPECT_NEAR(y[i], x[i] * x[(i + 1) % N] + sin(x[i]), 1e-15);
    }
  }
  /* input shadow untouched */
  double dx[N] = {1, 2, 3, 4, 5};
  __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], i + 1.0, 0.0);
  return adj_report();
}
