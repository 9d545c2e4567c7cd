/* Shared body of the libm forward-mode tests (math-*.c in the parent folder).
 * run_libm_cases() runs them; the test's main then returns adj_report().
 *
 * Every libm function and math intrinsic the rule table knows is wrapped in a
 * small static function (w_NAME), differentiated with __enzyme_fwddiff at a few
 * points inside its domain and away from kinks, and the tangent is compared
 * with
 *   - the analytic derivative, evaluated in long double with formulas that
 *     differ from the rule table's where possible (tan' = 1/cos^2, not 1+r^2),
 *   - a central finite difference of the wrapper itself,
 *   - for one-argument functions: the tangent for a seed of -2.5 (linearity);
 *     for several arguments: every argument active at once with mixed seeds.
 * Each argument of a multi-argument function is checked alone, the others
 * marked enzyme_const.
 *
 * The including file first includes one of config-double.h, config-float.h,
 * config-longdouble.h, which define:
 *   T          the floating type under test (float, double, long double)
 *   SFX        the libm suffix for T: nothing, f or l
 *   DT         the type the tangent is returned in (double, long double)
 *   FWD        the entry point, returning DT
 *   TOL_A      relative tolerance against the analytic derivative
 *   TOL_GAMMA  the same for lgamma and tgamma (digamma is approximated)
 *   TOL_FD     relative tolerance against finite differences
 *   FD_H       relative finite-difference step for the multi-argument checks
 *   FD1(f, x)  central difference of a one-argument T function
 *   TYPE_NAME  "double", ... for messages
 *   IR_T       the IR type suffix, "f64", ... (for intrinsic-cases.h)
 * and _GNU_SOURCE before any system header (exp10, roundeven).
 */
#ifndef LIBM_CASES_H
#define LIBM_CASES_H

#include "adjoint_test.h"
#include <stdlib.h>

typedef long double R; /* precision of the reference values */

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
/* The libm function `name` for T: sin -> sin, sinf or sinl. */
#define F(name) CAT(name, SFX)

#define PI_L 3.141592653589793238462643383279502884L
#define EULER_L 0.577215664901532860606512090082402431L
#define LN2_L 0.693147180559945309417232121458176568L
#define LN10_L 2.302585092994045684017991454684364208L
#define TWO_OVER_SQRTPI_L 1.128379167095512573896158903121545172L

/* ---- reporting -------------------------------------------------------- */

static void check(int line, const char *fn, const char *what, const char *args, double got,
                  double want, double tol) {
  char buf[256];
  snprintf(buf, sizeof buf, "[%s] %s: %s at %s", TYPE_NAME, fn, what, args);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}
#define CHECK(fn, what, args, got, want, tol)                                              \
  check(__LINE__, fn, what, args, (double)(got), (double)(want), tol)

static const char *fmt1(double x) {
  static char b[64];
  snprintf(b, sizeof b, "x=%.17g", x);
  return b;
}
static const char *fmt2(double x, double y) {
  static char b[96];
  snprintf(b, sizeof b, "(%.17g, %.17g)", x, y);
  return b;
}
static const char *fmt3(double x, double y, double z) {
  static char b[128];
  snprintf(b, sizeof b, "(%.17g, %.17g, %.17g)", x, y, z);
  return b;
}

/* ---- finite differences for several arguments --------------------------- */

/* Central difference in argument `which` of f; the step actually taken (after
 * rounding x +- h to T) is the divisor. */
static R fd_step(T v) { return FD_H * (fabsl((R)v) > 1 ? fabsl((R)v) : 1); }
static R fd2(T (*f)(T, T), T x, T y, int which) {
  T v = which ? y : x;
  R h = fd_step(v);
  T vp = (T)(v + h), vm = (T)(v - h);
  R fp = which ? f(x, vp) : f(vp, y);
  R fm = which ? f(x, vm) : f(vm, y);
  return (fp - fm) / ((R)vp - (R)vm);
}
static R fd3(T (*f)(T, T, T), T x, T y, T z, int which) {
  T a[3] = {x, y, z}, p[3] = {x, y, z}, m[3] = {x, y, z};
  R h = fd_step(a[which]);
  p[which] = (T)(a[which] + h);
  m[which] = (T)(a[which] - h);
  return ((R)f(p[0], p[1], p[2]) - (R)f(m[0], m[1], m[2])) / ((R)p[which] - (R)m[which]);
}
static R fd_int(T (*f)(T, int), T x, int n) {
  R h = fd_step(x);
  T vp = (T)(x + h), vm = (T)(x - h);
  return ((R)f(vp, n) - (R)f(vm, n)) / ((R)vp - (R)vm);
}

/* ---- reference digamma -------------------------------------------------- */

/* psi(x) for x a multiple of 1/4 (not a pole): closed forms at 1/4, 1/2, 3/4
 * and 1 (Gauss' digamma theorem), moved to x by psi(x+1) = psi(x) + 1/x. */
static R ref_digamma(R x) {
  R base = x - floorl(x);
  long n = (long)floorl(x);
  R psi;
  if (base == 0) {
    base = 1;
    n -= 1;
    psi = -EULER_L;
  } else if (base == 0.25L) {
    psi = -EULER_L - PI_L / 2 - 3 * LN2_L;
  } else if (base == 0.5L) {
    psi = -EULER_L - 2 * LN2_L;
  } else if (base == 0.75L) {
    psi = -EULER_L + PI_L / 2 - 3 * LN2_L;
  } else {
    fprintf(stderr, "ref_digamma: %Lg is not a multiple of 1/4\n", x);
    abort();
  }
  for (long k = 0; k < n; ++k)
    psi += 1 / (base + k);
  for (long k = 1; k <= -n; ++k)
    psi -= 1 / (base - k);
  return psi;
}

/* ---- case generators ---------------------------------------------------- */

/* One-argument function: d_NAME(x, dx) is the tangent of w_NAME, r_NAME(x)
 * the exact derivative, p_NAME the points. UNARY_W expects w_NAME written by
 * hand (frexp, which has an out-parameter). */
#define UNARY_W(name, tol, deriv, ...)                                                     \
  static DT d_##name(T x, T dx) { return FWD((void *)w_##name, x, dx); }                \
  static R r_##name(R x) { return (deriv); }                                              \
  static const double p_##name[] = {__VA_ARGS__};                                          \
  static void run_##name(void) {                                                          \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                    \
      T x = (T)p_##name[i];                                                                \
      const char *a = fmt1((double)x);                                                     \
      CHECK(#name, "d/dx vs analytic", a, d_##name(x, 1), r_##name(x), tol);               \
      CHECK(#name, "d/dx vs finite difference", a, d_##name(x, 1), FD1(w_##name, x),       \
            TOL_FD);                                                                       \
      CHECK(#name, "tangent for dx=-2.5", a, d_##name(x, (T)-2.5), -2.5L * r_##name(x),    \
            tol);                                                                          \
    }                                                                                      \
  }
#define UNARY(name, tol, deriv, ...)                                                       \
  static T w_##name(T x) { return F(name)(x); }                                            \
  UNARY_W(name, tol, deriv, __VA_ARGS__)

/* Two floating arguments x, y: dfdx and dfdy are the exact partials. */
#define BINARY_W(name, dfdx, dfdy, ...)                                                    \
  static DT dx_##name(T x, T y) { return FWD((void *)w_##name, x, (T)1, enzyme_const, y); } \
  static DT dy_##name(T x, T y) { return FWD((void *)w_##name, enzyme_const, x, y, (T)1); } \
  static DT dxy_##name(T x, T y, T a, T b) { return FWD((void *)w_##name, x, a, y, b); }  \
  static R rx_##name(R x, R y) { return (dfdx); }                                          \
  static R ry_##name(R x, R y) { return (dfdy); }                                          \
  static const double p_##name[][2] = {__VA_ARGS__};                                       \
  static void run_##name(void) {                                                          \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                    \
      T x = (T)p_##name[i][0], y = (T)p_##name[i][1];                                      \
      const char *a = fmt2((double)x, (double)y);                                          \
      R ex = rx_##name(x, y), ey = ry_##name(x, y);                                        \
      CHECK(#name, "d/dx vs analytic", a, dx_##name(x, y), ex, TOL_A);                     \
      CHECK(#name, "d/dx vs finite difference", a, dx_##name(x, y), fd2(w_##name, x, y, 0), \
            TOL_FD);                                                                       \
      CHECK(#name, "d/dy vs analytic", a, dy_##name(x, y), ey, TOL_A);                     \
      CHECK(#name, "d/dy vs finite difference", a, dy_##name(x, y), fd2(w_##name, x, y, 1), \
            TOL_FD);                                                                       \
      CHECK(#name, "both active, dx=0.5 dy=-3", a, dxy_##name(x, y, (T)0.5, (T)-3),         \
            0.5L * ex - 3 * ey, TOL_A);                                                    \
    }                                                                                      \
  }
#define BINARY(name, dfdx, dfdy, ...)                                                      \
  static T w_##name(T x, T y) { return F(name)(x, y); }                                    \
  BINARY_W(name, dfdx, dfdy, __VA_ARGS__)

/* A floating x and an int n (powi, ldexp): only x is differentiable; n is
 * an int, constant by default. */
struct xn {
  double x;
  int n;
};
#define INTARG(name, call, deriv, ...)                                                     \
  static T w_##name(T x, int n) { return call; }                                           \
  static DT d_##name(T x, int n, T dx) { return FWD((void *)w_##name, x, dx, n); }       \
  static R r_##name(R x, int n) { return (deriv); }                                        \
  static const struct xn p_##name[] = {__VA_ARGS__};                                       \
  static void run_##name(void) {                                                          \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                    \
      T x = (T)p_##name[i].x;                                                              \
      int n = p_##name[i].n;                                                               \
      char a[96];                                                                          \
      snprintf(a, sizeof a, "(x=%.17g, n=%d)", (double)x, n);                              \
      CHECK(#name, "d/dx vs analytic", a, d_##name(x, n, 1), r_##name(x, n), TOL_A);       \
      CHECK(#name, "d/dx vs finite difference", a, d_##name(x, n, 1),                      \
            fd_int(w_##name, x, n), TOL_FD);                                               \
      CHECK(#name, "tangent for dx=-2.5", a, d_##name(x, n, (T)-2.5),                      \
            -2.5L * r_##name(x, n), TOL_A);                                                \
    }                                                                                      \
  }

/* Three floating arguments (fma and x*y+z, which clang emits as
 * llvm.fmuladd): dx = y, dy = x, dz = 1. */
#define TERNARY_W(name)                                                                    \
  static DT d0_##name(T x, T y, T z) {                                                    \
    return FWD((void *)w_##name, x, (T)1, enzyme_const, y, enzyme_const, z);               \
  }                                                                                        \
  static DT d1_##name(T x, T y, T z) {                                                    \
    return FWD((void *)w_##name, enzyme_const, x, y, (T)1, enzyme_const, z);               \
  }                                                                                        \
  static DT d2_##name(T x, T y, T z) {                                                    \
    return FWD((void *)w_##name, enzyme_const, x, enzyme_const, y, z, (T)1);               \
  }                                                                                        \
  static DT dall_##name(T x, T y, T z) {                                                  \
    return FWD((void *)w_##name, x, (T)0.5, y, (T)-3, z, (T)2);                            \
  }                                                                                        \
  static void run_##name(void) {                                                          \
    static const double p[][3] = {{1.5, -2, 0.5}, {0.3, 4, -1}, {-2, -3, 7}, {1e3, 1e-3, 0}}; \
    for (unsigned i = 0; i < sizeof p / sizeof *p; ++i) {                                  \
      T x = (T)p[i][0], y = (T)p[i][1], z = (T)p[i][2];                                    \
      const char *a = fmt3((double)x, (double)y, (double)z);                               \
      CHECK(#name, "d/dx vs analytic", a, d0_##name(x, y, z), y, TOL_A);                   \
      CHECK(#name, "d/dy vs analytic", a, d1_##name(x, y, z), x, TOL_A);                   \
      CHECK(#name, "d/dz vs analytic", a, d2_##name(x, y, z), 1, TOL_A);                   \
      CHECK(#name, "d/dx vs finite difference", a, d0_##name(x, y, z),                     \
            fd3(w_##name, x, y, z, 0), TOL_FD);                                            \
      CHECK(#name, "d/dy vs finite difference", a, d1_##name(x, y, z),                     \
            fd3(w_##name, x, y, z, 1), TOL_FD);                                            \
      CHECK(#name, "d/dz vs finite difference", a, d2_##name(x, y, z),                     \
            fd3(w_##name, x, y, z, 2), TOL_FD);                                            \
      CHECK(#name, "all active, 0.5/-3/2", a, dall_##name(x, y, z),                        \
            0.5L * y - 3.0L * x + 2, TOL_A);                                               \
    }                                                                                      \
  }

/* ---- the cases ---------------------------------------------------------- */

/* Points shared by the piecewise-constant functions: away from integers and
 * from halves (round, rint). */
#define STEP_POINTS -2.7, -0.3, 0.2, 1.6, 7.9, 123.2

/* powers, exponentials, logarithms */
UNARY(sqrt, TOL_A, 0.5L / sqrtl(x), 0.25, 1.0, 2.0, 10.0, 1e4)
UNARY(cbrt, TOL_A, 1 / (3 * cbrtl(x) * cbrtl(x)), -3.5, -0.2, 0.5, 2.0, 27.0)
UNARY(exp, TOL_A, expl(x), -3.0, -0.5, 0.0, 1.0, 5.0)
UNARY(exp2, TOL_A, exp2l(x) * LN2_L, -3.0, -0.5, 0.0, 1.0, 5.0)
UNARY(exp10, TOL_A, exp10l(x) * LN10_L, -2.0, -0.3, 0.0, 0.7, 2.0)
UNARY(expm1, TOL_A, expl(x), -2.0, -1e-3, 0.0, 0.5, 3.0)
UNARY(log, TOL_A, 1 / x, 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log2, TOL_A, 1 / (x * LN2_L), 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log10, TOL_A, 1 / (x * LN10_L), 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log1p, TOL_A, 1 / (1 + x), -0.9, -0.3, 0.0, 1e-3, 2.0, 50.0)
/* pow at x > 0 (d/dy = r log x needs it), plus x = 0 with y > 0 where both
 * partials are 0, and y = 0 where d/dx is 0. */
BINARY(pow, y * powl(x, y - 1), x == 0 ? 0 : powl(x, y) * logl(x), {2, 3}, {0.5, -1.5},
       {3, 0.5}, {1.7, 2.2}, {10, 0}, {0, 3}, {0.8, 1})
INTARG(powi, F(__builtin_powi)(x, n), n == 0 ? 0 : n * powl(x, n - 1), {-1.5, 3}, {0.5, -3},
       {2, 0}, {3.3, 1}, {1.7, 5}, {-0.8, -2}, {2.5, 2})
INTARG(ldexp, F(ldexp)(x, n), ldexpl(1, n), {0.75, -3}, {-3.2, 0}, {5, 4}, {1e-3, 10},
       {-7, -1})
/* frexp: the mantissa m = x 2^-e, dm/dx = 2^-e (away from powers of two,
 * where m jumps). */
static T w_frexp(T x) {
  int e;
  return F(frexp)(x, &e);
}
static R frexp_scale(R x) {
  int e;
  frexpl(x, &e);
  return ldexpl(1, -e);
}
UNARY_W(frexp, TOL_A, frexp_scale(x), 0.3, 0.7, 3.7, -5.5, 100.0, -0.01)
/* fmod(x, y) = x - y trunc(x/y): d/dx = 1, d/dy = -trunc(x/y) */
BINARY(fmod, 1, -truncl(x / y), {5.3, 2}, {-7.5, 2.2}, {1.2, 3.5}, {10.1, -3}, {7.25, 0.5})

/* trigonometric */
UNARY(sin, TOL_A, cosl(x), -2.0, -0.5, 0.0, 1.0, 3.0)
UNARY(cos, TOL_A, -sinl(x), -2.0, -0.5, 0.0, 1.0, 3.0)
UNARY(tan, TOL_A, 1 / (cosl(x) * cosl(x)), -1.2, -0.3, 0.0, 0.7, 1.4)
UNARY(asin, TOL_A, 1 / sqrtl(1 - x * x), -0.9, -0.5, 0.0, 0.3, 0.8)
UNARY(acos, TOL_A, -1 / sqrtl(1 - x * x), -0.9, -0.5, 0.0, 0.3, 0.8)
UNARY(atan, TOL_A, 1 / (1 + x * x), -10.0, -1.0, 0.0, 0.5, 3.0)
/* atan2(y, x) named (x, y) here: d/dfirst = second/(x^2+y^2),
 * d/dsecond = -first/(x^2+y^2); away from the origin and the branch cut. */
BINARY(atan2, y / (x * x + y * y), -x / (x * x + y * y), {1, 2}, {-1, 0.5}, {0.5, -1.5},
       {-2, -3}, {3, 0}, {0, 4})

/* hyperbolic */
UNARY(sinh, TOL_A, coshl(x), -3.0, -0.5, 0.0, 1.0, 4.0)
UNARY(cosh, TOL_A, sinhl(x), -3.0, -0.5, 0.0, 1.0, 4.0)
UNARY(tanh, TOL_A, 1 / (coshl(x) * coshl(x)), -3.0, -0.5, 0.0, 1.0, 4.0)
UNARY(asinh, TOL_A, 1 / sqrtl(x * x + 1), -5.0, -0.5, 0.0, 1.0, 20.0)
UNARY(acosh, TOL_A, 1 / sqrtl(x * x - 1), 1.1, 1.5, 3.0, 50.0)
UNARY(atanh, TOL_A, 1 / (1 - x * x), -0.9, -0.3, 0.0, 0.5, 0.95)
/* hypot: d/dx = x/r, d/dy = y/r, away from the origin */
BINARY(hypot, x / hypotl(x, y), y / hypotl(x, y), {3, 4}, {-1, 2}, {0.5, -0.25}, {0, 5},
       {1e-3, 2}, {-6, 0})

/* special functions */
UNARY(erf, TOL_A, TWO_OVER_SQRTPI_L * expl(-x * x), -2.0, -0.5, 0.0, 0.7, 2.5)
UNARY(erfc, TOL_A, -TWO_OVER_SQRTPI_L * expl(-x * x), -2.0, -0.5, 0.0, 0.7, 2.5)
/* lgamma' = digamma (also for x < 0: log|Gamma|); points are multiples of
 * 1/4 so that ref_digamma knows them. */
UNARY(lgamma, TOL_GAMMA, ref_digamma(x), -2.5, -1.25, -0.5, 0.25, 0.5, 0.75, 1.0, 2.5, 7.0,
      30.25)
UNARY(tgamma, TOL_GAMMA, tgammal(x) * ref_digamma(x), -2.5, -1.25, -0.5, 0.25, 1.0, 2.5, 7.0,
      20.0)

/* sign, min/max, fused */
UNARY(fabs, TOL_A, x > 0 ? 1 : -1, -2.5, -0.1, 0.1, 3.0)
/* copysign(x, y) = |x| sign(y): d/dx = sign(x) sign(y), d/dy = 0 (y != 0) */
BINARY(copysign, (x > 0) == (y > 0) ? 1 : -1, 0, {2, 3}, {2, -3}, {-2, 3}, {-2, -3},
       {0.5, 1e-3})
BINARY(fmin, x < y ? 1 : 0, x < y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25},
       {-1e3, 4})
BINARY(fmax, x > y ? 1 : 0, x > y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25},
       {-1e3, 4})
static T w_fma(T x, T y, T z) { return F(fma)(x, y, z); }
TERNARY_W(fma)
/* x * y + z in one expression: llvm.fmuladd under the default -ffp-contract=on */
static T w_muladd(T x, T y, T z) { return x * y + z; }
TERNARY_W(muladd)

/* piecewise constant: derivative 0 away from the jumps */
UNARY(floor, TOL_A, 0, STEP_POINTS)
UNARY(ceil, TOL_A, 0, STEP_POINTS)
UNARY(trunc, TOL_A, 0, STEP_POINTS)
UNARY(round, TOL_A, 0, STEP_POINTS)
UNARY(rint, TOL_A, 0, STEP_POINTS)
UNARY(nearbyint, TOL_A, 0, STEP_POINTS)
UNARY(roundeven, TOL_A, 0, STEP_POINTS)

/* ---- driver ------------------------------------------------------------- */

/* Runs every case above; the caller ends with `return adj_report();`. */
static void run_libm_cases(void) {
  run_sqrt();
  run_cbrt();
  run_exp();
  run_exp2();
  run_exp10();
  run_expm1();
  run_log();
  run_log2();
  run_log10();
  run_log1p();
  run_pow();
  run_powi();
  run_ldexp();
  run_frexp();
  run_fmod();
  run_sin();
  run_cos();
  run_tan();
  run_asin();
  run_acos();
  run_atan();
  run_atan2();
  run_sinh();
  run_cosh();
  run_tanh();
  run_asinh();
  run_acosh();
  run_atanh();
  run_hypot();
  run_erf();
  run_erfc();
  run_lgamma();
  run_tgamma();
  run_fabs();
  run_copysign();
  run_fmin();
  run_fmax();
  run_fma();
  run_muladd();
  run_floor();
  run_ceil();
  run_trunc();
  run_round();
  run_rint();
  run_nearbyint();
  run_roundeven();
}

#endif
