// Reverse mode through memcpy between two duplicated pointer arguments: the input copied
// into an output, which is then updated in place and read (the output's shadow seeded by the
// caller); and a copy from one argument into a scratch argument that is then read. The
// source's shadow receives the adjoint that reaches the copy. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static void copy_then_square(const double *x, double *y, int n) {
  memcpy(y, x, sizeof(double) * n);
  for (int i = 0; i < n; ++i)
    y[i] = y[i] * y[i] + y[(i + 1) % n] * 0.0 + 1.0;
}
static double copy_then_read(const double *x, double *tmp, int n) {
  memcpy(tmp, x, sizeof(double) * n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += tmp[i] * tmp[(i + 1) % n];
  return s;
}
/* y gets a copy of x, then x's copy in y is combined with x itself */
static double copy_and_mix(const double *x, double *y, int n) {
  memcpy(y, x, sizeof(double) * n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += y[i] * x[(i + 2) % n] + sin(y[i]);
  return s;
}

int main(void) {
  double x[N] = {0.4, -0.9, 1.3, 0.2, -0.5, 0.7}, dx[N] = {0}, y[N], dy[N], w[N];
  for (int i = 0; i < N; ++i)
    dy[i] = w[i] = 0.5 + i;
  __enzyme_autodiff((void *)copy_then_square, enzyme_dup, x, dx, enzyme_dup, y, dy,
                    enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(y[i], x[i] * x[i] + 1.0, 1e-15);
    EXPECT_NEAR(dx[i], 2 * x[i] * w[i], 1e-14);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  double tmp[N], dtmp[N] = {0}, gx[N] = {0};
  __enzyme_autodiff((void *)copy_then_read, enzyme_dup, x, gx, enzyme_dup, tmp, dtmp,
                    enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(gx[i], x[(i + 1) % N] + x[(i + N - 1) % N], 1e-14);
    EXPECT_NEAR(dtmp[i], 0.0, 0.0);
  }

  double hx[N] = {0}, dy2[N] = {0};
  __enzyme_autodiff((void *)copy_and_mix, enzyme_dup, x, hx, enzyme_dup, y, dy2, enzyme_const,
                    N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(hx[i], x[(i + 2) % N] + cos(x[i]) + x[(i + N - 2) % N], 1e-14);
    EXPECT_NEAR(dy2[i], 0.0, 0.0);
  }
  return adj_report();
}
