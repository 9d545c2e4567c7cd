// Forward mode through less common libm functions: pow, fma, fmod, hypot, atan2, ldexp, cbrt, exp2, log2, log10, asin, acos, erf, lgamma.
// RUN: %check-program %s
#include "adjoint_test.h"

static double f_pow(double x) { return pow(x, 2.5) + pow(1.7, x) + pow(x, x); }
static double f_fma(double x) { return fma(x, x, 3.0 * x); }
/* 5x never hits a multiple of 1.1 at the sample points (a jump of fmod) */
static double f_fmod(double x) { return fmod(5.0 * x, 1.1); }
static double f_hypot(double x) { return hypot(x, 2.0 * x + 1.0); }
static double f_atan2(double x) { return atan2(x * x + 0.5, x); }
static double f_ldexp(double x) { return ldexp(x * x, 3); }
static double f_cbrt(double x) { return cbrt(x); }
static double f_exp2(double x) { return exp2(x) + log2(x) + log10(x); }
static double f_asin(double x) { return asin(0.5 * x) + acos(0.3 * x) + atan(x); }
static double f_erf(double x) { return erf(x) + erfc(2 * x); }
static double f_lgamma(double x) { return lgamma(x); }
static double f_hyper(double x) { return sinh(x) * cosh(0.5 * x) + asinh(x) + atanh(0.4 * x); }
static double f_expm1(double x) { return expm1(x) * log1p(x) + log(x) * sqrt(x); }

/* a macro, not a function: the differentiated function must be named at the call */
#define check(f, x, exact)                                                                         \
  do {                                                                                             \
    double d_ = __enzyme_fwddiff((void *)f, (x), 1.0);                                             \
    EXPECT_NEAR(d_, (exact), 1e-10);                                                               \
    EXPECT_NEAR(d_, adj_fd(f, (x)), 1e-6);                                                         \
  } while (0)

int main(void) {
  const double pi = 3.14159265358979323846;
  for (double x = 0.3; x <= 1.8; x += 0.25) {
    check(f_pow, x, 2.5 * pow(x, 1.5) + log(1.7) * pow(1.7, x) + pow(x, x) * (log(x) + 1));
    check(f_fma, x, 2 * x + 3.0);
    check(f_fmod, x, 5.0);
    check(f_hypot, x, (x + 2 * (2 * x + 1)) / hypot(x, 2 * x + 1));
    { /* atan2(y, x) with y = x^2 + 0.5: (x*dy - y*dx)/(x^2+y^2) */
      double y = x * x + 0.5;
      check(f_atan2, x, (x * 2 * x - y) / (x * x + y * y));
    }
    check(f_ldexp, x, 16.0 * x);
    check(f_cbrt, x, 1.0 / (3.0 * cbrt(x) * cbrt(x)));
    check(f_exp2, x, log(2.0) * exp2(x) + 1 / (x * log(2.0)) + 1 / (x * log(10.0)));
    check(f_asin, 0.6 * x, 0.5 / sqrt(1 - 0.09 * x * x) - 0.3 / sqrt(1 - 0.0324 * x * x) +
                               1 / (1 + 0.36 * x * x));
    check(f_erf, x, 2 / sqrt(pi) * (exp(-x * x) - 2 * exp(-4 * x * x)));
    check(f_hyper, x, cosh(x) * cosh(0.5 * x) + 0.5 * sinh(x) * sinh(0.5 * x) +
                          1 / sqrt(x * x + 1) + 0.4 / (1 - 0.16 * x * x));
    check(f_expm1, x, exp(x) * log1p(x) + expm1(x) / (1 + x) + sqrt(x) / x + log(x) / (2 * sqrt(x)));
  }
  /* lgamma: d/dx lgamma(x) = digamma(x); digamma(1) = -gamma, digamma(2) = 1 - gamma */
  const double euler = 0.57721566490153286061;
  double d1 = __enzyme_fwddiff((void *)f_lgamma, 1.0, 1.0);
  double d2 = __enzyme_fwddiff((void *)f_lgamma, 2.0, 1.0);
  EXPECT_NEAR(d1, -euler, 1e-10);
  EXPECT_NEAR(d2, 1 - euler, 1e-10);
  EXPECT_NEAR(__enzyme_fwddiff((void *)f_lgamma, 3.7, 1.0), adj_fd(f_lgamma, 3.7), 1e-6);
  return adj_report();
}
