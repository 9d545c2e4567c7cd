// Reverse mode through every one-argument libm function in double (called by name or as llvm.* intrinsics), against analytic derivatives (1e-10) and central differences (1e-6).
// RUN: %check-program %s
#define _GNU_SOURCE
#include "Inputs/rev_fd.h"
#include "Inputs/digamma.h"

#define LN2 0.693147180559945309417232121458176568
#define LN10 2.302585092994045684017991454684364208
#define TWO_SQRTPI 1.128379167095512573896158903121545172

static void check(const char *fn, double x, double got, double want, double tol, int line) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s'(%g)", fn, x);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}

/* U(name, derivative in x, points...): wrapper, reverse-mode call, checks */
#define U(name, deriv, ...)                                                                \
  static double w_##name(double x) { return name(x); }                                     \
  static void t_##name(void) {                                                             \
    static const double p[] = {__VA_ARGS__};                                               \
    for (unsigned i = 0; i < sizeof p / sizeof *p; ++i) {                                  \
      double x = p[i];                                                                     \
      double d = __enzyme_autodiff((void *)w_##name, x);                                   \
      check(#name, x, d, (double)(deriv), 1e-10, __LINE__);                                \
      check(#name " (FD)", x, d, adj_fd(w_##name, x), 1e-6, __LINE__);                     \
    }                                                                                      \
  }

U(sqrt, 0.5 / sqrt(x), 0.25, 1.0, 2.0, 10.0, 1e4)
U(cbrt, 1.0 / (3 * cbrt(x) * cbrt(x)), -3.5, -0.2, 0.5, 2.0, 27.0)
U(exp, exp(x), -3.0, -0.5, 0.0, 1.0, 5.0)
U(exp2, exp2(x) * LN2, -3.0, -0.5, 0.0, 1.0, 5.0)
U(exp10, exp10(x) * LN10, -2.0, -0.3, 0.0, 0.7, 2.0)
U(expm1, exp(x), -2.0, -1e-3, 0.0, 0.5, 3.0)
U(log, 1 / x, 0.1, 0.5, 1.0, 2.5, 100.0)
U(log2, 1 / (x * LN2), 0.1, 0.5, 1.0, 2.5, 100.0)
U(log10, 1 / (x * LN10), 0.1, 0.5, 1.0, 2.5, 100.0)
U(log1p, 1 / (1 + x), -0.9, -0.3, 0.0, 1e-3, 2.0, 50.0)
U(sin, cos(x), -2.0, -0.5, 0.0, 1.0, 3.0)
U(cos, -sin(x), -2.0, -0.5, 0.0, 1.0, 3.0)
U(tan, 1 / (cos(x) * cos(x)), -1.2, -0.3, 0.0, 0.7, 1.4)
U(asin, 1 / sqrt(1 - x * x), -0.9, -0.5, 0.0, 0.3, 0.8)
U(acos, -1 / sqrt(1 - x * x), -0.9, -0.5, 0.0, 0.3, 0.8)
U(atan, 1 / (1 + x * x), -10.0, -1.0, 0.0, 0.5, 3.0)
U(sinh, cosh(x), -3.0, -0.5, 0.0, 1.0, 4.0)
U(cosh, sinh(x), -3.0, -0.5, 0.0, 1.0, 4.0)
U(tanh, 1 / (cosh(x) * cosh(x)), -3.0, -0.5, 0.0, 1.0, 4.0)
U(asinh, 1 / sqrt(x * x + 1), -5.0, -0.5, 0.0, 1.0, 20.0)
U(acosh, 1 / sqrt(x * x - 1), 1.1, 1.5, 3.0, 50.0)
U(atanh, 1 / (1 - x * x), -0.9, -0.3, 0.0, 0.5, 0.95)
U(erf, TWO_SQRTPI * exp(-x * x), -2.0, -0.5, 0.0, 0.7, 2.5)
U(erfc, -TWO_SQRTPI * exp(-x * x), -2.0, -0.5, 0.0, 0.7, 2.5)
U(lgamma, ref_digamma(x), -2.5, -1.3, -0.5, 0.25, 0.5, 1.0, 2.5, 7.0, 30.2)
U(tgamma, tgamma(x) * ref_digamma(x), -2.5, -1.3, -0.5, 0.25, 1.0, 2.5, 7.0, 20.0)
U(fabs, x > 0 ? 1 : -1, -2.5, -0.1, 0.1, 3.0)
/* piecewise constant: zero away from the jumps */
U(floor, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(ceil, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(trunc, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(round, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(rint, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(nearbyint, 0, -2.7, -0.3, 0.2, 1.6, 7.9)
U(roundeven, 0, -2.7, -0.3, 0.2, 1.6, 7.9)

/* all of them composed in one function: one gradient through a long chain */
static double all(double x) {
  double y = sqrt(x) + cbrt(x) + exp(x) + exp2(x) + exp10(0.1 * x) + expm1(x) + log(x) +
             log2(x) + log10(x) + log1p(x) + sin(x) + cos(x) + tan(x) + asin(0.5 * x) +
             acos(0.4 * x) + atan(x) + sinh(x) + cosh(x) + tanh(x) + asinh(x) + acosh(1 + x) +
             atanh(0.3 * x) + erf(x) + erfc(x) + lgamma(x) + tgamma(x) + fabs(x - 2) +
             floor(x) * x + ceil(x) * x + trunc(x) + round(x) + rint(x) + nearbyint(x);
  return y;
}
static double dall(double x) {
  return 0.5 / sqrt(x) + 1.0 / (3 * cbrt(x) * cbrt(x)) + exp(x) + exp2(x) * LN2 +
         0.1 * exp10(0.1 * x) * LN10 + exp(x) + 1 / x + 1 / (x * LN2) + 1 / (x * LN10) +
         1 / (1 + x) + cos(x) - sin(x) + 1 / (cos(x) * cos(x)) + 0.5 / sqrt(1 - 0.25 * x * x) -
         0.4 / sqrt(1 - 0.16 * x * x) + 1 / (1 + x * x) + cosh(x) + sinh(x) +
         1 / (cosh(x) * cosh(x)) + 1 / sqrt(x * x + 1) + 1 / sqrt((1 + x) * (1 + x) - 1) +
         0.3 / (1 - 0.09 * x * x) + TWO_SQRTPI * exp(-x * x) - TWO_SQRTPI * exp(-x * x) +
         (double)ref_digamma(x) + tgamma(x) * (double)ref_digamma(x) + (x > 2 ? 1 : -1) +
         floor(x) + ceil(x);
}

int main(void) {
  t_sqrt(); t_cbrt(); t_exp(); t_exp2(); t_exp10(); t_expm1(); t_log(); t_log2(); t_log10();
  t_log1p(); t_sin(); t_cos(); t_tan(); t_asin(); t_acos(); t_atan(); t_sinh(); t_cosh();
  t_tanh(); t_asinh(); t_acosh(); t_atanh(); t_erf(); t_erfc(); t_lgamma(); t_tgamma();
  t_fabs(); t_floor(); t_ceil(); t_trunc(); t_round(); t_rint(); t_nearbyint(); t_roundeven();
  const double pts[] = {0.3, 0.9, 1.7, 1.93};
  for (int i = 0; i < 4; ++i) {
    double x = pts[i];
    double d = __enzyme_autodiff((void *)all, x);
    check("all", x, d, dall(x), 1e-10, __LINE__);
    check("all (FD)", x, d, adj_fd(all, x), 1e-6, __LINE__);
  }
  return adj_report();
}
