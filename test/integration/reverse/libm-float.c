// Reverse mode through float libm functions (sinf, powf, ...; arguments promoted through varargs, gradient returned as float) against double analytic derivatives and FD of double twins.
// RUN: %check-program %s
#define _GNU_SOURCE
#include "Inputs/rev_fd.h"

float __enzyme_autodiff_f(void *, ...);
typedef struct {
  float dx, dy;
} F2;
F2 __enzyme_autodiff_f2(void *, ...);

static void check(const char *fn, double x, double got, double want, double tol, int line) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s'(%g)", fn, x);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}

/* FD of the double twin (not of the float function), compared at float accuracy */
#define UF(name, ...)                                                               \
  static float w_##name(float x) { return name##f(x); }                                    \
  static double v_##name(double x) { return name(x); }                                     \
  static void t_##name(void) {                                                             \
    static const float p[] = {__VA_ARGS__};                                                \
    for (unsigned i = 0; i < sizeof p / sizeof *p; ++i) {                                  \
      float x = p[i];                                                                      \
      float d = __enzyme_autodiff_f((void *)w_##name, x);                                  \
      check(#name "f", x, d, adj_fd(v_##name, x), 2e-6, __LINE__);                         \
    }                                                                                      \
  }

UF(sqrt, 0.25f, 2.0f, 10.0f)
UF(cbrt, -3.5f, 0.5f, 27.0f)
UF(exp, -3.0f, 0.0f, 1.5f)
UF(exp2, -3.0f, 0.5f, 5.0f)
UF(exp10, -2.0f, 0.7f)
UF(expm1, -2.0f, 0.5f)
UF(log, 0.1f, 2.5f, 100.0f)
UF(log2, 0.1f, 2.5f)
UF(log10, 0.1f, 2.5f)
UF(log1p, -0.5f, 2.0f)
UF(sin, -2.0f, 1.0f)
UF(cos, -2.0f, 1.0f)
UF(tan, -1.2f, 0.7f)
UF(asin, -0.9f, 0.3f)
UF(acos, -0.5f, 0.8f)
UF(atan, -10.0f, 0.5f)
UF(sinh, -3.0f, 1.0f)
UF(cosh, -3.0f, 1.0f)
UF(tanh, -3.0f, 1.0f)
UF(asinh, -5.0f, 1.0f)
UF(acosh, 1.5f, 3.0f)
UF(atanh, -0.3f, 0.5f)
UF(erf, -0.5f, 0.7f)
UF(erfc, -0.5f, 0.7f)
UF(lgamma, 0.3f, 2.5f, 7.0f)
UF(tgamma, 0.3f, 2.5f, 7.0f)
UF(fabs, -2.5f, 3.0f)
UF(floor, -2.7f, 1.6f)
UF(round, -2.7f, 1.6f)

static float w_pow(float x, float y) { return powf(x, y); }
static float w_atan2(float y, float x) { return atan2f(y, x); }
static float w_hypot(float x, float y) { return hypotf(x, y); }
static float w_fmin(float x, float y) { return fminf(x, y); }
/* float arithmetic in a loop, with a float const array */
static float poly(const float *c, int n, float x) {
  float p = 0.0f;
  for (int i = n - 1; i >= 0; --i)
    p = p * x + c[i] * sinf(x + i);
  return p;
}

int main(void) {
  t_sqrt(); t_cbrt(); t_exp(); t_exp2(); t_exp10(); t_expm1(); t_log(); t_log2(); t_log10();
  t_log1p(); t_sin(); t_cos(); t_tan(); t_asin(); t_acos(); t_atan(); t_sinh(); t_cosh();
  t_tanh(); t_asinh(); t_acosh(); t_atanh(); t_erf(); t_erfc(); t_lgamma(); t_tgamma();
  t_fabs(); t_floor(); t_round();
  float x = 1.7f, y = 2.2f;
  F2 d = __enzyme_autodiff_f2((void *)w_pow, x, y);
  double xd = x, yd = y;
  check("powf dx", x, d.dx, yd * pow(xd, yd - 1), 2e-6, __LINE__);
  check("powf dy", x, d.dy, pow(xd, yd) * log(xd), 2e-6, __LINE__);
  d = __enzyme_autodiff_f2((void *)w_atan2, x, y);
  check("atan2f dy", x, d.dx, yd / (xd * xd + yd * yd), 2e-6, __LINE__);
  check("atan2f dx", x, d.dy, -xd / (xd * xd + yd * yd), 2e-6, __LINE__);
  d = __enzyme_autodiff_f2((void *)w_hypot, x, y);
  check("hypotf dx", x, d.dx, xd / hypot(xd, yd), 2e-6, __LINE__);
  check("hypotf dy", x, d.dy, yd / hypot(xd, yd), 2e-6, __LINE__);
  d = __enzyme_autodiff_f2((void *)w_fmin, x, y);
  check("fminf dx", x, d.dx, 1.0, 0.0, __LINE__);
  check("fminf dy", x, d.dy, 0.0, 0.0, __LINE__);

  float c[6] = {1.0f, -0.5f, 0.25f, 2.0f, -1.0f, 0.3f}, dc[6] = {0};
  float dxp = __enzyme_autodiff_f((void *)poly, enzyme_dup, c, dc, 6, 0.8f);
  double xv = 0.8f, want = 0.0;
  /* p = sum_i c_i sin(x + i) x^i */
  for (int i = 0; i < 6; ++i) {
    want += c[i] * (cos(xv + i) * pow(xv, i) + (i ? i * pow(xv, i - 1) : 0.0) * sin(xv + i));
    check("poly dc", i, dc[i], sin(xv + i) * pow(xv, i), 2e-6, __LINE__);
  }
  check("poly dx", xv, dxp, want, 2e-6, __LINE__);
  return adj_report();
}
