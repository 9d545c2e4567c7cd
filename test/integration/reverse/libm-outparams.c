// Reverse mode through libm functions with an integer argument or out-parameter: ldexp, scalbn, __builtin_powi, frexp (int written to a local), and the integer-exponent pow.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double w_ldexp(double x, int n) { return ldexp(x, n) * x; }
static double w_scalbn(double x, int n) { return scalbn(sin(x), n); }
static double w_powi(double x, int n) { return __builtin_powi(x, n) + x; }
static double w_frexp(double x) {
  int e;
  double m = frexp(x, &e);
  return m * m + e;
}
static double w_frexp_scale(double x) {
  int e;
  frexp(x, &e);
  return ldexp(1.0, -e);
}
static int N;
static double ldexp_n(double x) { return w_ldexp(x, N); }
static double scalbn_n(double x) { return w_scalbn(x, N); }
static double powi_n(double x) { return w_powi(x, N); }

int main(void) {
  const double xs[] = {-1.3, 0.3, 0.7, 3.7, 100.0};
  for (N = -3; N <= 4; ++N)
    for (int i = 0; i < 5; ++i) {
      double x = xs[i];
      double d1 = __enzyme_autodiff((void *)w_ldexp, x, N);
      EXPECT_NEAR(d1, 2 * x * ldexp(1.0, N), 1e-12);
      EXPECT_NEAR(d1, adj_fd(ldexp_n, x), 1e-6);
      double d2 = __enzyme_autodiff((void *)w_scalbn, x, N);
      EXPECT_NEAR(d2, cos(x) * ldexp(1.0, N), 1e-12);
      EXPECT_NEAR(d2, adj_fd(scalbn_n, x), 1e-6);
      double d3 = __enzyme_autodiff((void *)w_powi, x, N);
      EXPECT_NEAR(d3, (N ? N * pow(x, N - 1) : 0.0) + 1.0, 1e-12);
      EXPECT_NEAR(d3, adj_fd(powi_n, x), 1e-6);
    }
  const double fx[] = {0.3, 0.7, 3.7, -5.5, 100.0, -0.01};
  for (int i = 0; i < 6; ++i) {
    double x = fx[i], s = w_frexp_scale(x);
    double d = __enzyme_autodiff((void *)w_frexp, x);
    EXPECT_NEAR(d, 2 * (x * s) * s, 1e-12);
    EXPECT_NEAR(d, adj_fd(w_frexp, x), 1e-6);
  }
  return adj_report();
}
