// Reverse mode where an operand is inactive (const argument, integer converted to double, constant) while its partial reads values other partials need: a value popped from the tape or the primal result must survive (regression: they were deleted as dead partials, giving 0/NaN, invalid IR or a crash).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* pow exponent (double)k popped from the tape, also read by 0.4*k in one fmuladd */
static double pow_loop(double a, int n) {
  double r = 0.0;
  for (int k = 1; k <= n; ++k)
    r += pow(a, (double)k) + 0.4 * k;
  return r;
}
/* the same with a const double multiplier */
static double pow_loop_c(double a, double c, int n) {
  double r = 0.0;
  for (int k = 1; k <= n; ++k)
    r += pow(a, (double)k) + c * k;
  return r;
}
/* the loop value (double)k is read by sin(a*k)'s partial and by the fmuladd with a constant */
static double sin_loop(double a, int n) {
  double r = 0.0;
  for (int k = 1; k <= n; ++k)
    r += sin(a * k) + 0.4 * k;
  return r;
}
/* division by a const argument: the divisor's partial reads the primal result */
static double div_const(double a, double k) {
  double s = a * a;
  return s / k;
}
/* w[i] const, x[i] active, in fmuladd chains */
static double dot2(const double *w, const double *x, int n) {
  double s = 0.0, c = 0.0;
  for (int i = 0; i < n; ++i) {
    s += w[i] * x[i];
    c += w[i] * x[i] * x[i] * x[i];
  }
  return s * s + c;
}

static int NN;
static double C = 0.4;
static double f1(double a) { return pow_loop(a, NN); }
static double f3(double a) { return sin_loop(a, NN); }
#define N 6
static double W[N] = {0.5, -1.0, 2.0, 0.25, 1.5, -0.75};
static double g(const double *x) { return dot2(W, x, N); }

int main(void) {
  for (NN = 1; NN <= 6; ++NN)
    for (double a = 0.3; a <= 1.6; a += 0.4) {
      double want = 0.0, wsin = 0.0;
      for (int k = 1; k <= NN; ++k) {
        want += k * pow(a, k - 1.0);
        wsin += k * cos(a * k);
      }
      double d1 = __enzyme_autodiff((void *)pow_loop, a, NN);
      EXPECT_NEAR(d1, want, 1e-12);
      EXPECT_NEAR(d1, adj_fd(f1, a), 1e-6);
      double d2 = __enzyme_autodiff((void *)pow_loop_c, a, enzyme_const, C, NN);
      EXPECT_NEAR(d2, want, 1e-12);
      double d3 = __enzyme_autodiff((void *)sin_loop, a, NN);
      EXPECT_NEAR(d3, wsin, 1e-12);
      EXPECT_NEAR(d3, adj_fd(f3, a), 1e-6);
    }
  for (double a = -2.0; a <= 2.0; a += 0.5) {
    double d = __enzyme_autodiff((void *)div_const, a, enzyme_const, 2.5);
    EXPECT_NEAR(d, 2 * a / 2.5, 1e-14);
  }
  double x[N] = {0.3, -0.2, 0.8, 1.1, -0.6, 0.4}, dx[N] = {0};
  __enzyme_autodiff((void *)dot2, enzyme_const, W, enzyme_dup, x, dx, N);
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += W[i] * x[i];
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], 2 * s * W[i] + 3 * W[i] * x[i] * x[i], 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  return adj_report();
}
