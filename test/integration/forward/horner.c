// Forward mode through Horner evaluation, with active x and active coefficients.
// RUN: %check-program %s
#include "adjoint_test.h"

static double horner(const double *c, int n, double x) {
  double p = c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    p = p * x + c[i];
  return p;
}

#define N 7
static double coeffs[N] = {1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 0.1};
static double horner_x(double x) { return horner(coeffs, N, x); }

int main(void) {
  double zero[N] = {0};
  for (double x = -2.0; x <= 2.0; x += 0.25) {
    /* d/dx with constant coefficients */
    double d = __enzyme_fwddiff((void *)horner, enzyme_const, coeffs, N, x, 1.0);
    double exact = 0.0;
    for (int i = 1; i < N; ++i)
      exact += i * coeffs[i] * pow(x, i - 1);
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(horner_x, x), 1e-6);
    /* d/dc_k with constant x: x^k (shadow given, x's tangent zero) */
    for (int k = 0; k < N; ++k) {
      double dc[N] = {0};
      dc[k] = 1.0;
      double dk = __enzyme_fwddiff((void *)horner, enzyme_dup, coeffs, dc, N, enzyme_const, x);
      EXPECT_NEAR(dk, pow(x, k), 1e-12);
    }
    /* zero shadow gives zero */
    EXPECT_NEAR(__enzyme_fwddiff((void *)horner, coeffs, zero, N, x, 0.0), 0.0, 0.0);
  }
  return adj_report();
}
