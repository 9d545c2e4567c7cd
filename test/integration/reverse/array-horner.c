// Reverse mode through Horner evaluation: active x returned, gradient w.r.t. the duplicated coefficient array (x^k) accumulated.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double horner(const double *c, int n, double x) {
  double p = c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    p = p * x + c[i];
  return p;
}

#define N 9
static double C[N] = {1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 0.1, -0.05, 0.02};
static double X;
static double hx(double x) { return horner(C, N, x); }
static double gc(const double *c) { return horner(c, N, X); }

int main(void) {
  for (X = -2.0; X <= 2.0; X += 0.25) {
    double dc[N] = {0};
    double d = __enzyme_autodiff((void *)horner, enzyme_dup, C, dc, N, X);
    double exact = 0.0;
    for (int i = 1; i < N; ++i)
      exact += i * C[i] * pow(X, i - 1);
    EXPECT_NEAR(d, exact, 1e-10);
    EXPECT_NEAR(d, adj_fd(hx, X), 1e-6);
    for (int k = 0; k < N; ++k) {
      EXPECT_NEAR(dc[k], pow(X, k), 1e-10);
      EXPECT_NEAR(dc[k], rev_fd_vec(gc, C, N, k), 1e-6);
    }
    /* coefficients const: only d/dx */
    double d2 = __enzyme_autodiff((void *)horner, enzyme_const, C, N, X);
    EXPECT_NEAR(d2, exact, 1e-10);
    /* x const: only the coefficient gradient */
    double dc2[N] = {0};
    __enzyme_autodiff((void *)horner, enzyme_dup, C, dc2, N, enzyme_const, X);
    for (int k = 0; k < N; ++k)
      EXPECT_NEAR(dc2[k], pow(X, k), 1e-10);
  }
  return adj_report();
}
