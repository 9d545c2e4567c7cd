/* Shared body of the rule-level dot-product tests (rules-*.c in the parent
 * folder). run_rules_cases() runs them; the test's main returns adj_report().
 *
 * For f: R^k -> R the two modes compute the same linear map from opposite
 * sides: forward mode with direction u returns J.u = <grad f, u>, reverse mode
 * returns grad f. Every libm function and arithmetic operator the rule table
 * knows is wrapped in a small static function (w_NAME) and, at a few points
 * inside its domain and away from kinks,
 *   - the reverse gradient g (all float arguments active, the default) is
 *     compared with the forward tangent for each unit direction e_i and for
 *     random directions u:
 *         |<g, u> - fwd(u)| <= TOL_DP * (|<g, u>| + sum |g_i u_i|)
 *   - for several arguments, each argument is also differentiated alone
 *     (the others enzyme_const in both modes) and compared the same way;
 *   - the reverse gradient is compared with a central finite difference at a
 *     loose tolerance (TOL_FD), only so that two identical wrong answers in
 *     both modes (0 and 0, NaN and NaN) cannot pass.
 * A failure names the function, the point, the direction, both sides and the
 * gradient.
 *
 * The including file first includes config-double.h, config-float.h or
 * config-longdouble.h:
 *   T          the floating type under test
 *   SFX        the libm suffix for T (nothing, f or l)
 *   TOL_DP     relative tolerance of the dot-product identity
 *   TOL_FD     relative tolerance of the finite-difference guard
 *   FD_H       relative finite-difference step
 *   TYPE_NAME  "double", ... for messages
 *   CONV_OTHER_IS_FLOAT  (double only) the conversion case rounds through
 *              float rather than double
 */
#ifndef DOT_PRODUCT_RULES_H
#define DOT_PRODUCT_RULES_H

#include "adjoint_test.h"
#include <stdint.h>
#include <stdlib.h>

typedef long double R; /* precision of the sums on the test side */

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
/* The libm function `name` for T: sin -> sin or sinf. */
#define F(name) CAT(name, SFX)

/* Entry points with the return types used here: one derivative (T), or the
 * gradient of two or three active arguments as a struct in argument order. */
typedef struct {
  T a, b;
} G2;
typedef struct {
  T a, b, c;
} G3;
T __enzyme_autodiff_1(void *, ...);
G2 __enzyme_autodiff_2(void *, ...);
G3 __enzyme_autodiff_3(void *, ...);
T __enzyme_fwddiff_1(void *, ...);

/* ---- directions ---------------------------------------------------------- */

/* A fixed-seed generator (the same directions on every run): uniform in
 * [-1, -0.1] u [0.1, 1], so that no random direction is nearly zero. */
static uint64_t dp_state = 0x243F6A8885A308D3ull;
static T dp_rand(void) {
  dp_state = dp_state * 6364136223846793005ull + 1442695040888963407ull;
  double r = (double)(dp_state >> 11) * 0x1p-53; /* [0, 1) */
  double m = 0.1 + 0.9 * r;
  return (T)((dp_state >> 10) & 1 ? m : -m);
}

/* ---- reporting ----------------------------------------------------------- */

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

/* The dot-product identity for one direction: g is the reverse gradient (k
 * entries), u the direction, fwd the forward tangent for u. */
static void dp_check(int line, const char *fn, const char *what, const char *at, int k, const T *g,
                     const T *u, T fwd, double tol) {
  R gu = 0, mag = 0;
  for (int i = 0; i < k; ++i) {
    R t = (R)g[i] * (R)u[i];
    gu += t;
    mag += fabsl(t);
  }
  R err = fabsl(gu - (R)fwd);
  ++adj_checks;
  if (!(err <= tol * (fabsl(gu) + mag))) {
    fprintf(stderr,
            "%s:%d: [%s] %s, %s, at %s: reverse <grad,u> = %.17Lg, forward J.u = %.17g "
            "(|diff| = %.3Lg, allowed %.3Lg)\n    grad =",
            __FILE__, line, TYPE_NAME, fn, what, at, gu, (double)fwd, err, tol * (fabsl(gu) + mag));
    for (int i = 0; i < k; ++i)
      fprintf(stderr, " %.17g", (double)g[i]);
    fprintf(stderr, "\n    u    =");
    for (int i = 0; i < k; ++i)
      fprintf(stderr, " %.17g", (double)u[i]);
    fprintf(stderr, "\n");
    ++adj_failures;
  }
}
#define DP(fn, what, at, k, g, u, fwd, tol) dp_check(__LINE__, fn, what, at, k, g, u, fwd, tol)

/* The finite-difference guard: |got - want| <= TOL_FD * max(1, |want|). */
static void fd_check(int line, const char *fn, const char *what, const char *at, T got, R want) {
  R scale = fabsl(want) > 1 ? fabsl(want) : 1;
  ++adj_checks;
  if (!(fabsl((R)got - want) <= TOL_FD * scale)) {
    fprintf(stderr,
            "%s:%d: [%s] %s, %s, at %s: reverse derivative = %.17g, finite difference = "
            "%.17Lg (tol %g)\n",
            __FILE__, line, TYPE_NAME, fn, what, at, (double)got, want, TOL_FD);
    ++adj_failures;
  }
}
#define FD(fn, what, at, got, want) fd_check(__LINE__, fn, what, at, got, want)

/* ---- finite differences -------------------------------------------------- */

/* Central difference in argument `which`; the step actually taken (after
 * rounding the shifted argument to T) is the divisor. */
static R fd_step(T v) { return FD_H * (fabsl((R)v) > 1 ? fabsl((R)v) : 1); }
static R fd1(T (*f)(T), T x, R hrel) {
  R h = hrel * (fabsl((R)x) > 1 ? fabsl((R)x) : 1);
  T p = (T)(x + h), m = (T)(x - h);
  return ((R)f(p) - (R)f(m)) / ((R)p - (R)m);
}
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
  T p = (T)(x + h), m = (T)(x - h);
  return ((R)f(p, n) - (R)f(m, n)) / ((R)p - (R)m);
}

/* ---- case generators ----------------------------------------------------- */

static const T E1[1] = {1};
static const T E2[2][2] = {{1, 0}, {0, 1}};
static const T E3[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

/* One argument: the reverse derivative against the tangents for 1 and for a
 * random scalar. w_NAME is written by the caller; fdh is the relative step of
 * the finite-difference guard. */
#define UNARY_W(name, tol, fdh, ...)                                                               \
  static T rev_##name(T x) { return __enzyme_autodiff_1((void *)w_##name, x); }                    \
  static T fwd_##name(T x, T dx) { return __enzyme_fwddiff_1((void *)w_##name, x, dx); }           \
  static const double p_##name[] = {__VA_ARGS__};                                                  \
  static void run_##name(void) {                                                                   \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                            \
      T x = (T)p_##name[i];                                                                        \
      const char *a = fmt1((double)x);                                                             \
      T g = rev_##name(x);                                                                         \
      T u = dp_rand();                                                                             \
      DP(#name, "direction 1", a, 1, &g, E1, fwd_##name(x, 1), tol);                               \
      DP(#name, "random direction", a, 1, &g, &u, fwd_##name(x, u), tol);                          \
      FD(#name, "d/dx", a, g, fd1(w_##name, x, fdh));                                              \
    }                                                                                              \
  }
#define UNARY(name, ...)                                                                           \
  static T w_##name(T x) { return F(name)(x); }                                                    \
  UNARY_W(name, TOL_DP, FD_H, __VA_ARGS__)

/* Two float arguments. */
#define BINARY_W(name, tol, ...)                                                                   \
  static G2 rev_##name(T x, T y) { return __enzyme_autodiff_2((void *)w_##name, x, y); }           \
  static T revx_##name(T x, T y) {                                                                 \
    return __enzyme_autodiff_1((void *)w_##name, x, enzyme_const, y);                              \
  }                                                                                                \
  static T revy_##name(T x, T y) {                                                                 \
    return __enzyme_autodiff_1((void *)w_##name, enzyme_const, x, y);                              \
  }                                                                                                \
  static T fwd_##name(T x, T y, T dx, T dy) {                                                      \
    return __enzyme_fwddiff_1((void *)w_##name, x, dx, y, dy);                                     \
  }                                                                                                \
  static T fwdx_##name(T x, T y) {                                                                 \
    return __enzyme_fwddiff_1((void *)w_##name, x, (T)1, enzyme_const, y);                         \
  }                                                                                                \
  static T fwdy_##name(T x, T y) {                                                                 \
    return __enzyme_fwddiff_1((void *)w_##name, enzyme_const, x, y, (T)1);                         \
  }                                                                                                \
  static const double p_##name[][2] = {__VA_ARGS__};                                               \
  static void run_##name(void) {                                                                   \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                            \
      T x = (T)p_##name[i][0], y = (T)p_##name[i][1];                                              \
      const char *a = fmt2((double)x, (double)y);                                                  \
      G2 r = rev_##name(x, y);                                                                     \
      T g[2] = {r.a, r.b};                                                                         \
      for (int k = 0; k < 2; ++k)                                                                  \
        DP(#name, k ? "direction e_y" : "direction e_x", a, 2, g, E2[k],                           \
           fwd_##name(x, y, E2[k][0], E2[k][1]), tol);                                             \
      for (int k = 0; k < 2; ++k) {                                                                \
        T u[2] = {dp_rand(), dp_rand()};                                                           \
        DP(#name, "random direction", a, 2, g, u, fwd_##name(x, y, u[0], u[1]), tol);              \
      }                                                                                            \
      T gx = revx_##name(x, y), gy = revy_##name(x, y);                                            \
      DP(#name, "x alone (y enzyme_const)", a, 1, &gx, E1, fwdx_##name(x, y), tol);                \
      DP(#name, "y alone (x enzyme_const)", a, 1, &gy, E1, fwdy_##name(x, y), tol);                \
      FD(#name, "d/dx", a, g[0], fd2(w_##name, x, y, 0));                                          \
      FD(#name, "d/dy", a, g[1], fd2(w_##name, x, y, 1));                                          \
    }                                                                                              \
  }
#define BINARY(name, ...)                                                                          \
  static T w_##name(T x, T y) { return F(name)(x, y); }                                            \
  BINARY_W(name, TOL_DP, __VA_ARGS__)

/* Three float arguments; the all-active reverse call spells enzyme_out. */
#define TERNARY_W(name, tol, ...)                                                                  \
  static G3 rev_##name(T x, T y, T z) {                                                            \
    return __enzyme_autodiff_3((void *)w_##name, enzyme_out, x, enzyme_out, y, enzyme_out, z);     \
  }                                                                                                \
  static T rev0_##name(T x, T y, T z) {                                                            \
    return __enzyme_autodiff_1((void *)w_##name, x, enzyme_const, y, enzyme_const, z);             \
  }                                                                                                \
  static T rev1_##name(T x, T y, T z) {                                                            \
    return __enzyme_autodiff_1((void *)w_##name, enzyme_const, x, y, enzyme_const, z);             \
  }                                                                                                \
  static T rev2_##name(T x, T y, T z) {                                                            \
    return __enzyme_autodiff_1((void *)w_##name, enzyme_const, x, enzyme_const, y, z);             \
  }                                                                                                \
  static T fwd_##name(T x, T y, T z, T dx, T dy, T dz) {                                           \
    return __enzyme_fwddiff_1((void *)w_##name, x, dx, y, dy, z, dz);                              \
  }                                                                                                \
  static T fwd0_##name(T x, T y, T z) {                                                            \
    return __enzyme_fwddiff_1((void *)w_##name, x, (T)1, enzyme_const, y, enzyme_const, z);        \
  }                                                                                                \
  static T fwd1_##name(T x, T y, T z) {                                                            \
    return __enzyme_fwddiff_1((void *)w_##name, enzyme_const, x, y, (T)1, enzyme_const, z);        \
  }                                                                                                \
  static T fwd2_##name(T x, T y, T z) {                                                            \
    return __enzyme_fwddiff_1((void *)w_##name, enzyme_const, x, enzyme_const, y, z, (T)1);        \
  }                                                                                                \
  static const double p_##name[][3] = {__VA_ARGS__};                                               \
  static void run_##name(void) {                                                                   \
    static const char *const unit[3] = {"direction e_x", "direction e_y", "direction e_z"};        \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                            \
      T x = (T)p_##name[i][0], y = (T)p_##name[i][1], z = (T)p_##name[i][2];                       \
      const char *a = fmt3((double)x, (double)y, (double)z);                                       \
      G3 r = rev_##name(x, y, z);                                                                  \
      T g[3] = {r.a, r.b, r.c};                                                                    \
      for (int k = 0; k < 3; ++k)                                                                  \
        DP(#name, unit[k], a, 3, g, E3[k], fwd_##name(x, y, z, E3[k][0], E3[k][1], E3[k][2]),      \
           tol);                                                                                   \
      for (int k = 0; k < 3; ++k) {                                                                \
        T u[3] = {dp_rand(), dp_rand(), dp_rand()};                                                \
        DP(#name, "random direction", a, 3, g, u, fwd_##name(x, y, z, u[0], u[1], u[2]), tol);     \
      }                                                                                            \
      T g0 = rev0_##name(x, y, z), g1 = rev1_##name(x, y, z), g2 = rev2_##name(x, y, z);           \
      DP(#name, "x alone (y, z enzyme_const)", a, 1, &g0, E1, fwd0_##name(x, y, z), tol);          \
      DP(#name, "y alone (x, z enzyme_const)", a, 1, &g1, E1, fwd1_##name(x, y, z), tol);          \
      DP(#name, "z alone (x, y enzyme_const)", a, 1, &g2, E1, fwd2_##name(x, y, z), tol);          \
      for (int k = 0; k < 3; ++k)                                                                  \
        FD(#name, unit[k], a, g[k], fd3(w_##name, x, y, z, k));                                    \
    }                                                                                              \
  }

/* A float x and an int n (ldexp, powi): n is an int, constant by default. */
struct xn {
  double x;
  int n;
};
#define INTARG(name, call, ...)                                                                    \
  static T w_##name(T x, int n) { return call; }                                                   \
  static T rev_##name(T x, int n) { return __enzyme_autodiff_1((void *)w_##name, x, n); }          \
  static T fwd_##name(T x, int n, T dx) { return __enzyme_fwddiff_1((void *)w_##name, x, dx, n); } \
  static const struct xn p_##name[] = {__VA_ARGS__};                                               \
  static void run_##name(void) {                                                                   \
    for (unsigned i = 0; i < sizeof p_##name / sizeof *p_##name; ++i) {                            \
      T x = (T)p_##name[i].x;                                                                      \
      int n = p_##name[i].n;                                                                       \
      char a[96];                                                                                  \
      snprintf(a, sizeof a, "(x=%.17g, n=%d)", (double)x, n);                                      \
      T g = rev_##name(x, n);                                                                      \
      T u = dp_rand();                                                                             \
      DP(#name, "direction 1", a, 1, &g, E1, fwd_##name(x, n, 1), TOL_DP);                         \
      DP(#name, "random direction", a, 1, &g, &u, fwd_##name(x, n, u), TOL_DP);                    \
      FD(#name, "d/dx", a, g, fd_int(w_##name, x, n));                                             \
    }                                                                                              \
  }

/* ---- libm ---------------------------------------------------------------- */

/* Points where the piecewise-constant functions are flat: away from integers
 * and halves. */
#define STEP_POINTS -2.7, -0.3, 0.2, 1.6, 7.9, 123.2

/* powers, exponentials, logarithms */
UNARY(sqrt, 0.25, 1.0, 2.0, 10.0, 1e4)
UNARY(cbrt, -3.5, -0.2, 0.5, 2.0, 27.0)
UNARY(exp, -3.0, -0.5, 0.0, 1.0, 5.0)
UNARY(exp2, -3.0, -0.5, 0.0, 1.0, 5.0)
UNARY(exp10, -2.0, -0.3, 0.0, 0.7, 2.0)
UNARY(expm1, -2.0, -1e-3, 0.0, 0.5, 3.0)
UNARY(log, 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log2, 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log10, 0.1, 0.5, 1.0, 2.5, 100.0)
UNARY(log1p, -0.9, -0.3, 0.0, 1e-3, 2.0, 50.0)
/* pow at x > 0 (d/dy = pow * log x), plus x = 0 with y > 0 (both partials
 * 0) and y = 0 (d/dx = 0) */
BINARY(pow, {2, 3}, {0.5, -1.5}, {3, 0.5}, {1.7, 2.2}, {10, 0}, {0, 3}, {0.8, 1})
INTARG(powi, F(__builtin_powi)(x, n), {-1.5, 3}, {0.5, -3}, {2, 0}, {3.3, 1}, {1.7, 5}, {-0.8, -2})
INTARG(ldexp, F(ldexp)(x, n), {0.75, -3}, {-3.2, 0}, {5, 4}, {1e-3, 10}, {-7, -1})
/* frexp: the mantissa, x 2^-e (away from powers of two, where it jumps); the
 * exponent goes to a local int. */
static T w_frexp(T x) {
  int e;
  return F(frexp)(x, &e);
}
UNARY_W(frexp, TOL_DP, FD_H, 0.3, 0.7, 3.7, -5.5, 100.0, -0.01)
/* fmod(x, y) = x - y trunc(x/y), away from the jumps at multiples of y */
BINARY(fmod, {5.3, 2}, {-7.5, 2.2}, {1.2, 3.5}, {10.1, -3}, {7.25, 0.5})

/* trigonometric */
UNARY(sin, -2.0, -0.5, 0.0, 1.0, 3.0)
UNARY(cos, -2.0, -0.5, 0.3, 1.0, 3.0)
UNARY(tan, -1.2, -0.3, 0.0, 0.7, 1.4)
UNARY(asin, -0.9, -0.5, 0.0, 0.3, 0.8)
UNARY(acos, -0.9, -0.5, 0.0, 0.3, 0.8)
UNARY(atan, -10.0, -1.0, 0.0, 0.5, 3.0)
/* atan2(a, b), away from the origin and from the cut b < 0, a = 0 */
BINARY(atan2, {1, 2}, {-1, 0.5}, {0.5, -1.5}, {-2, -3}, {3, 0}, {0, 4})

/* hyperbolic */
UNARY(sinh, -3.0, -0.5, 0.0, 1.0, 4.0)
UNARY(cosh, -3.0, -0.5, 0.2, 1.0, 4.0)
UNARY(tanh, -3.0, -0.5, 0.0, 1.0, 4.0)
UNARY(asinh, -5.0, -0.5, 0.0, 1.0, 20.0)
UNARY(acosh, 1.1, 1.5, 3.0, 50.0)
UNARY(atanh, -0.9, -0.3, 0.0, 0.5, 0.95)
/* hypot, away from the origin */
BINARY(hypot, {3, 4}, {-1, 2}, {0.5, -0.25}, {0, 5}, {1e-3, 2}, {-6, 0})

/* special functions (lgamma at negative x is log|Gamma|) */
UNARY(erf, -2.0, -0.5, 0.0, 0.7, 2.5)
UNARY(erfc, -2.0, -0.5, 0.0, 0.7, 2.5)
UNARY(lgamma, -2.5, -1.25, -0.5, 0.25, 0.5, 1.0, 2.5, 7.0, 30.25)
UNARY(tgamma, -2.5, -1.25, -0.5, 0.25, 1.0, 2.5, 7.0, 20.0)

/* sign, min/max, fused: away from 0 and from ties */
UNARY(fabs, -2.5, -0.1, 0.1, 3.0)
BINARY(copysign, {2, 3}, {2, -3}, {-2, 3}, {-2, -3}, {0.5, 1e-3})
BINARY(fmin, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25}, {-1e3, 4})
BINARY(fmax, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25}, {-1e3, 4})
#define FMA_POINTS                                                                                 \
  {1.5, -2, 0.5}, {0.3, 4, -1}, {-2, -3, 7}, { 1e3, 1e-3, 0 }
static T w_fma(T x, T y, T z) { return F(fma)(x, y, z); }
TERNARY_W(fma, TOL_DP, FMA_POINTS)

/* piecewise constant: derivative 0 in both modes away from the jumps */
UNARY(floor, STEP_POINTS)
UNARY(ceil, STEP_POINTS)
UNARY(trunc, STEP_POINTS)
UNARY(round, STEP_POINTS)
UNARY(rint, STEP_POINTS)
UNARY(nearbyint, STEP_POINTS)

/* ---- arithmetic operators ------------------------------------------------- */

static T w_add(T x, T y) { return x + y; }
BINARY_W(add, TOL_DP, {1.5, -2}, {-0.3, 7}, {1e3, 1e-3})
static T w_sub(T x, T y) { return x - y; }
BINARY_W(sub, TOL_DP, {1.5, -2}, {-0.3, 7}, {1e3, 1e-3})
static T w_mul(T x, T y) { return x * y; }
BINARY_W(mul, TOL_DP, {1.5, -2}, {-0.3, 7}, {1e3, 1e-3}, {0, 2.5})
static T w_div(T x, T y) { return x / y; }
BINARY_W(div, TOL_DP, {1.5, -2}, {-0.3, 7}, {1e3, 0.05}, {0, 2.5})
/* an operand used twice, constants on either side */
static T w_poly(T x, T y) { return x * y * y - 3 * x / y + y - x * x + 2 / (y * y + 1); }
BINARY_W(poly, TOL_DP, {1.5, -2}, {-0.3, 7}, {0.25, 0.5})
static T w_neg(T x) { return -x; }
UNARY_W(neg, TOL_DP, FD_H, -2.5, 0.0, 3.75)
static T w_recip(T x) { return 1 / x; }
UNARY_W(recip, TOL_DP, FD_H, -2.5, 0.1, 3.75)
static T w_square(T x) { return x * x; }
UNARY_W(square, TOL_DP, FD_H, -2.5, 0.1, 3.75)
/* x * y + z in one expression: llvm.fmuladd under the default -ffp-contract=on */
static T w_muladd(T x, T y, T z) { return x * y + z; }
TERNARY_W(muladd, TOL_DP, FMA_POINTS)
static T w_expr3(T x, T y, T z) { return (x - y) * z / (1 + x * x) + z * z * y - x / z; }
TERNARY_W(expr3, TOL_DP, {1.5, -2, 0.5}, {0.3, 4, -1}, {-2, -3, 7})
/* conversions to the other precision and back. In double, the product is
 * float: its tangent and adjoint are rounded to float too (a direction
 * truncated to float), so the identity holds to float precision only, and
 * the finite difference takes a large step (exact for this quadratic) to
 * see past the float rounding of the value. */
#if defined(CONV_OTHER_IS_FLOAT)
typedef float Other;
#define TOL_CONV 1e-6
#define FD_H_CONV 0.1L
#else
typedef double Other;
#define TOL_CONV TOL_DP
#define FD_H_CONV FD_H
#endif
static T w_conv(T x) { return (T)((Other)x * (Other)x) + x; }
UNARY_W(conv, TOL_CONV, FD_H_CONV, -2.5, 0.1, 3.75)
/* an integer conversion on the way (inactive: truncation is flat) */
static T w_intconv(T x) { return x * (T)(int)(3 * x) + (T)(long)x; }
UNARY_W(intconv, TOL_DP, FD_H, -2.45, 0.15, 3.7)

/* ---- one value in several operand slots, and chains -------------------- */

/* the adjoints of both operands of a call land on one argument */
static T w_powxx(T x) { return F(pow)(x, x); }
UNARY_W(powxx, TOL_DP, FD_H, 0.3, 1.0, 2.5)
static T w_atan2xx(T x) { return F(atan2)(x, x * x + (T)0.5); }
UNARY_W(atan2xx, TOL_DP, FD_H, -1.5, 0.25, 3.0)
static T w_hypotxx(T x) { return F(hypot)(x, 2 * x + 1); }
UNARY_W(hypotxx, TOL_DP, FD_H, -1.5, 0.25, 3.0)
static T w_fmaxxx(T x) { return F(fma)(x, x, x); }
UNARY_W(fmaxxx, TOL_DP, FD_H, -1.5, 0.25, 3.0)
static T w_fmodxx(T x) { return F(fmod)(3 * x, x + (T)0.7); }
UNARY_W(fmodxx, TOL_DP, FD_H, 0.5, 1.3, 4.1)
/* a chain through several rules, with a branch */
static T w_chain(T x, T y) {
  T a = F(exp)(F(sin)(x) * y) / (1 + F(log1p)(x * x));
  T b = x > y ? F(tanh)(y) * F(sqrt)(x * x + 1) : F(cbrt)(y) + F(atan)(x * y);
  return a * b + F(fmin)(x, y) * F(fmax)(x, 2 * y) + F(copysign)(x * y, y - x);
}
BINARY_W(chain, TOL_DP, {1.5, -2}, {-0.3, 0.7}, {0.25, 0.5}, {2, 1.25})
static T w_chain3(T x, T y, T z) {
  T r = F(hypot)(x, y);
  return F(pow)(r, z) * F(erf)(x - z) + F(atan2)(y, x) * F(lgamma)(z + 3) -
         F(ldexp)(F(expm1)(z * y), -2) / (1 + F(fabs)(x));
}
TERNARY_W(chain3, TOL_DP, {1.5, -2, 0.5}, {0.3, 4, -1}, {-2, -3, 1.7})

/* ---- driver -------------------------------------------------------------- */

static void run_rules_cases(void) {
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
  run_floor();
  run_ceil();
  run_trunc();
  run_round();
  run_rint();
  run_nearbyint();
  run_add();
  run_sub();
  run_mul();
  run_div();
  run_poly();
  run_neg();
  run_recip();
  run_square();
  run_muladd();
  run_expr3();
  run_conv();
  run_intconv();
  run_powxx();
  run_atan2xx();
  run_hypotxx();
  run_fmaxxx();
  run_fmodxx();
  run_chain();
  run_chain3();
}

#endif
