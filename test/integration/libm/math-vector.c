// Forward mode through the vector forms of the LLVM math intrinsics
// (llvm.sin.v2f64, llvm.pow.v4f32, ...): clang's __builtin_elementwise_*
// emit them directly, and the ones without a builtin (asin, acos, atan,
// sinh, cosh, tanh, exp10, ldexp) are declared by their IR names with
// asm labels. Vector arguments and tangents pass through __enzyme_fwddiff as
// <2 x double> / <4 x float>, a different seed in every lane; each lane is
// compared with the scalar analytic derivative times its seed (1e-12
// relative for double, 1e-5 for float) and with a central difference (1e-6,
// 2e-2). Both arguments of pow, copysign, max and min, all three of fma.
// Vector powi is in math-vector-powi.c.
// RUN: %check-program %s
#define _GNU_SOURCE
#include "adjoint_test.h"

typedef double v2d __attribute__((ext_vector_type(2)));
typedef float v4f __attribute__((ext_vector_type(4)));
/* An 8-byte <2 x i32> would be passed as a double under the x86-64 ABI, so
 * the v2f64 ldexp takes 64-bit exponents. */
typedef long v2l __attribute__((ext_vector_type(2)));
typedef int v4i __attribute__((ext_vector_type(4)));
v2d __enzyme_fwddiff_v2d(void *, ...);
v4f __enzyme_fwddiff_v4f(void *, ...);

typedef long double R;
#define LN10_L 2.302585092994045684017991454684364208L

/* Intrinsics without an elementwise builtin, by IR name. */
#define DECL(name, base)                                                                    \
  v2d name##_2(v2d) __asm__("llvm." base ".v2f64");                                         \
  v4f name##_4(v4f) __asm__("llvm." base ".v4f32");
DECL(ir_asin, "asin")
DECL(ir_acos, "acos")
DECL(ir_atan, "atan")
DECL(ir_sinh, "sinh")
DECL(ir_cosh, "cosh")
DECL(ir_tanh, "tanh")
DECL(ir_exp10, "exp10")
v2d ir_ldexp_2(v2d, v2l) __asm__("llvm.ldexp.v2f64.v2i64");
v4f ir_ldexp_4(v4f, v4i) __asm__("llvm.ldexp.v4f32.v4i32");
#define GEN(name, x) _Generic((x), v2d: name##_2, v4f: name##_4)(x)

static void check(int line, const char *fn, const char *what, int lane, double x, double got,
                  double want, double tol) {
  char buf[200];
  snprintf(buf, sizeof buf, "%s: %s, lane %d, x=%.17g", fn, what, lane, x);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}

static const double seeds[4] = {1, -2.5, 0.5, 3};

/* Checks every lane of tangent d (seeds[i] in lane i) of an elementwise
 * function at x against the analytic derivative r(x_i) and the central
 * difference fd_i. */
#define CHECK_LANES(fn, what, N, x, d, r, fd, tol, fdtol)                                   \
  for (int i = 0; i < N; ++i) {                                                            \
    check(__LINE__, fn, what " vs analytic", i, x[i], d[i], seeds[i] * (r), tol);           \
    check(__LINE__, fn, what " vs finite difference", i, x[i], d[i], seeds[i] * (fd)[i],    \
          fdtol);                                                                          \
  }

/* Central differences into double out[N], all lanes at once (the functions
 * are elementwise); the arguments before the varied one come first. */
#define FD_VEC(VT, N, out, w, x, hrel, ...)                                                \
  do {                                                                                     \
    VT h_;                                                                                 \
    for (int i = 0; i < N; ++i)                                                            \
      h_[i] = hrel * (fabs(x[i]) > 1 ? fabs(x[i]) : 1);                                    \
    VT xp_ = x + h_, xm_ = x - h_;                                                         \
    VT fp_ = w(__VA_ARGS__ xp_), fm_ = w(__VA_ARGS__ xm_);                                 \
    for (int i = 0; i < N; ++i)                                                            \
      out[i] = ((double)fp_[i] - (double)fm_[i]) / ((double)xp_[i] - (double)xm_[i]);      \
  } while (0)

/* One-argument function: wrappers for both vector types, p the 4 points. */
#define UNARY(name, call, deriv, ...)                                                      \
  static v2d w2_##name(v2d x) { return call; }                                             \
  static v4f w4_##name(v4f x) { return call; }                                             \
  static R r_##name(R x) { return (deriv); }                                               \
  static void run_##name(void) {                                                          \
    static const double p[4] = {__VA_ARGS__};                                              \
    for (int k = 0; k < 2; ++k) {                                                          \
      v2d x = {p[2 * k], p[2 * k + 1]}, dx = {seeds[0], seeds[1]};                         \
      v2d d = __enzyme_fwddiff_v2d((void *)w2_##name, x, dx);                              \
      double fd[2];                                                                        \
      FD_VEC(v2d, 2, fd, w2_##name, x, 1e-6, );                                            \
      CHECK_LANES(#name " v2f64", "d/dx", 2, x, d, r_##name(x[i]), fd, 1e-12, 1e-6);       \
    }                                                                                      \
    v4f x = {p[0], p[1], p[2], p[3]}, dx = {seeds[0], seeds[1], seeds[2], seeds[3]};       \
    v4f d = __enzyme_fwddiff_v4f((void *)w4_##name, x, dx);                                \
    double fd[4];                                                                          \
    FD_VEC(v4f, 4, fd, w4_##name, x, 1e-3, );                                              \
    CHECK_LANES(#name " v4f32", "d/dx", 4, x, d, r_##name(x[i]), fd, 1e-5, 2e-2);          \
  }

/* Two-argument function; p holds 4 (x, y) pairs. */
#define BINARY(name, call, dfdx, dfdy, ...)                                                \
  static v2d w2_##name(v2d x, v2d y) { return call; }                                      \
  static v4f w4_##name(v4f x, v4f y) { return call; }                                      \
  static v2d w2y_##name(v2d y, v2d x) { return w2_##name(x, y); }                          \
  static v4f w4y_##name(v4f y, v4f x) { return w4_##name(x, y); }                          \
  static R rx_##name(R x, R y) { return (dfdx); }                                          \
  static R ry_##name(R x, R y) { return (dfdy); }                                          \
  static void run_##name(void) {                                                          \
    static const double p[4][2] = {__VA_ARGS__};                                           \
    for (int k = 0; k < 2; ++k) {                                                          \
      v2d x = {p[2 * k][0], p[2 * k + 1][0]}, y = {p[2 * k][1], p[2 * k + 1][1]};          \
      v2d s = {seeds[0], seeds[1]};                                                        \
      v2d dx = __enzyme_fwddiff_v2d((void *)w2_##name, x, s, enzyme_const, y);             \
      v2d dy = __enzyme_fwddiff_v2d((void *)w2_##name, enzyme_const, x, y, s);             \
      double fdx[2], fdy[2];                                                               \
      FD_VEC(v2d, 2, fdx, w2y_##name, x, 1e-6, y, );                                       \
      CHECK_LANES(#name " v2f64", "d/dx", 2, x, dx, rx_##name(x[i], y[i]), fdx, 1e-12,     \
                  1e-6);                                                                   \
      FD_VEC(v2d, 2, fdy, w2_##name, y, 1e-6, x, );                                        \
      CHECK_LANES(#name " v2f64", "d/dy", 2, x, dy, ry_##name(x[i], y[i]), fdy, 1e-12,     \
                  1e-6);                                                                   \
    }                                                                                      \
    v4f x = {p[0][0], p[1][0], p[2][0], p[3][0]}, y = {p[0][1], p[1][1], p[2][1], p[3][1]}; \
    v4f s = {seeds[0], seeds[1], seeds[2], seeds[3]};                                      \
    v4f dx = __enzyme_fwddiff_v4f((void *)w4_##name, x, s, enzyme_const, y);               \
    v4f dy = __enzyme_fwddiff_v4f((void *)w4_##name, enzyme_const, x, y, s);               \
    double fdx[4], fdy[4];                                                                 \
    FD_VEC(v4f, 4, fdx, w4y_##name, x, 1e-3, y, );                                         \
    CHECK_LANES(#name " v4f32", "d/dx", 4, x, dx, rx_##name(x[i], y[i]), fdx, 1e-5, 2e-2); \
    FD_VEC(v4f, 4, fdy, w4_##name, y, 1e-3, x, );                                          \
    CHECK_LANES(#name " v4f32", "d/dy", 4, x, dy, ry_##name(x[i], y[i]), fdy, 1e-5, 2e-2); \
  }

#define STEP_POINTS -2.7, 0.2, 1.6, 7.9

UNARY(sin, __builtin_elementwise_sin(x), cosl(x), -2.0, -0.5, 1.0, 3.0)
UNARY(cos, __builtin_elementwise_cos(x), -sinl(x), -2.0, -0.5, 1.0, 3.0)
UNARY(tan, __builtin_elementwise_tan(x), 1 / (cosl(x) * cosl(x)), -1.2, -0.3, 0.7, 1.4)
UNARY(exp, __builtin_elementwise_exp(x), expl(x), -3.0, -0.5, 1.0, 5.0)
UNARY(exp2, __builtin_elementwise_exp2(x), exp2l(x) * logl(2.0L), -3.0, -0.5, 1.0, 5.0)
UNARY(exp10, GEN(ir_exp10, x), exp10l(x) * LN10_L, -2.0, -0.3, 0.7, 2.0)
UNARY(log, __builtin_elementwise_log(x), 1 / x, 0.1, 0.5, 2.5, 100.0)
UNARY(log2, __builtin_elementwise_log2(x), 1 / (x * logl(2.0L)), 0.1, 0.5, 2.5, 100.0)
UNARY(log10, __builtin_elementwise_log10(x), 1 / (x * LN10_L), 0.1, 0.5, 2.5, 100.0)
UNARY(sqrt, __builtin_elementwise_sqrt(x), 0.5L / sqrtl(x), 0.25, 2.0, 10.0, 1e4)
UNARY(asin, GEN(ir_asin, x), 1 / sqrtl(1 - x * x), -0.9, -0.5, 0.3, 0.8)
UNARY(acos, GEN(ir_acos, x), -1 / sqrtl(1 - x * x), -0.9, -0.5, 0.3, 0.8)
UNARY(atan, GEN(ir_atan, x), 1 / (1 + x * x), -10.0, -1.0, 0.5, 3.0)
UNARY(sinh, GEN(ir_sinh, x), coshl(x), -3.0, -0.5, 1.0, 4.0)
UNARY(cosh, GEN(ir_cosh, x), sinhl(x), -3.0, -0.5, 1.0, 4.0)
UNARY(tanh, GEN(ir_tanh, x), 1 / (coshl(x) * coshl(x)), -3.0, -0.5, 1.0, 4.0)
UNARY(fabs, __builtin_elementwise_abs(x), x > 0 ? 1 : -1, -2.5, -0.1, 0.1, 3.0)
/* ldexp with a different exponent in every lane: d/dx_i = 2^e_i */
static v2d w2_ldexp(v2d x) { return ir_ldexp_2(x, (v2l){-3, 4}); }
static v4f w4_ldexp(v4f x) { return ir_ldexp_4(x, (v4i){-3, 0, 4, 10}); }
static void run_ldexp(void) {
  static const int e[4] = {-3, 0, 4, 10};
  v2d x = {0.75, -3.2}, dx = {seeds[0], seeds[1]};
  v2d d = __enzyme_fwddiff_v2d((void *)w2_ldexp, x, dx);
  double fd[4];
  FD_VEC(v2d, 2, fd, w2_ldexp, x, 1e-6, );
  CHECK_LANES("ldexp v2f64", "d/dx", 2, x, d, ldexp(1, e[2 * i]), fd, 1e-12, 1e-6);
  v4f fx = {0.75, -3.2, 5, 1e-3}, fdx = {seeds[0], seeds[1], seeds[2], seeds[3]};
  v4f fd4 = __enzyme_fwddiff_v4f((void *)w4_ldexp, fx, fdx);
  FD_VEC(v4f, 4, fd, w4_ldexp, fx, 1e-3, );
  CHECK_LANES("ldexp v4f32", "d/dx", 4, fx, fd4, ldexp(1, e[i]), fd, 1e-5, 2e-2);
}
UNARY(floor, __builtin_elementwise_floor(x), 0, STEP_POINTS)
UNARY(ceil, __builtin_elementwise_ceil(x), 0, STEP_POINTS)
UNARY(trunc, __builtin_elementwise_trunc(x), 0, STEP_POINTS)
UNARY(round, __builtin_elementwise_round(x), 0, STEP_POINTS)
UNARY(rint, __builtin_elementwise_rint(x), 0, STEP_POINTS)
UNARY(nearbyint, __builtin_elementwise_nearbyint(x), 0, STEP_POINTS)
UNARY(roundeven, __builtin_elementwise_roundeven(x), 0, STEP_POINTS)

BINARY(pow, __builtin_elementwise_pow(x, y), y * powl(x, y - 1), powl(x, y) * logl(x),
       {2, 3}, {0.5, -1.5}, {3, 0.5}, {1.7, 2.2})
BINARY(copysign, __builtin_elementwise_copysign(x, y), (x > 0) == (y > 0) ? 1 : -1, 0,
       {2, 3}, {-2, 3}, {2, -3}, {-2, -3})
BINARY(max, __builtin_elementwise_max(x, y), x > y, x < y, {1, 2}, {3, -1}, {-2, -2.5},
       {0.5, 0.25})
BINARY(min, __builtin_elementwise_min(x, y), x < y, x > y, {1, 2}, {3, -1}, {-2, -2.5},
       {0.5, 0.25})

/* fma: each of the three arguments alone, then all three. */
static v2d w2_fma(v2d x, v2d y, v2d z) { return __builtin_elementwise_fma(x, y, z); }
static v4f w4_fma(v4f x, v4f y, v4f z) { return __builtin_elementwise_fma(x, y, z); }
static void run_fma(void) {
  v2d x = {1.5, -2}, y = {-2, -3}, z = {0.5, 7}, s = {1, -2.5}, zero = {0, 0};
  v2d d0 = __enzyme_fwddiff_v2d((void *)w2_fma, x, s, y, zero, z, zero);
  v2d d1 = __enzyme_fwddiff_v2d((void *)w2_fma, enzyme_const, x, y, s, enzyme_const, z);
  v2d d2 = __enzyme_fwddiff_v2d((void *)w2_fma, enzyme_const, x, enzyme_const, y, z, s);
  v2d dall = __enzyme_fwddiff_v2d((void *)w2_fma, x, s, y, s, z, s);
  for (int i = 0; i < 2; ++i) {
    check(__LINE__, "fma v2f64", "d/dx", i, x[i], d0[i], s[i] * y[i], 1e-12);
    check(__LINE__, "fma v2f64", "d/dy", i, x[i], d1[i], s[i] * x[i], 1e-12);
    check(__LINE__, "fma v2f64", "d/dz", i, x[i], d2[i], s[i], 1e-12);
    check(__LINE__, "fma v2f64", "all", i, x[i], dall[i], s[i] * (y[i] + x[i] + 1), 1e-12);
  }
  v4f fx = {1.5, 0.3, -2, 1e3}, fy = {-2, 4, -3, 1e-3}, fz = {0.5, -1, 7, 0};
  v4f fs = {1, -2.5, 0.5, 3};
  v4f e0 = __enzyme_fwddiff_v4f((void *)w4_fma, fx, fs, enzyme_const, fy, enzyme_const, fz);
  v4f e1 = __enzyme_fwddiff_v4f((void *)w4_fma, enzyme_const, fx, fy, fs, enzyme_const, fz);
  v4f e2 = __enzyme_fwddiff_v4f((void *)w4_fma, enzyme_const, fx, enzyme_const, fy, fz, fs);
  for (int i = 0; i < 4; ++i) {
    check(__LINE__, "fma v4f32", "d/dx", i, fx[i], e0[i], fs[i] * fy[i], 1e-5);
    check(__LINE__, "fma v4f32", "d/dy", i, fx[i], e1[i], fs[i] * fx[i], 1e-5);
    check(__LINE__, "fma v4f32", "d/dz", i, fx[i], e2[i], fs[i], 1e-5);
  }
}

int main(void) {
  run_sin();
  run_cos();
  run_tan();
  run_exp();
  run_exp2();
  run_exp10();
  run_log();
  run_log2();
  run_log10();
  run_sqrt();
  run_asin();
  run_acos();
  run_atan();
  run_sinh();
  run_cosh();
  run_tanh();
  run_fabs();
  run_ldexp();
  run_floor();
  run_ceil();
  run_trunc();
  run_round();
  run_rint();
  run_nearbyint();
  run_roundeven();
  run_pow();
  run_copysign();
  run_max();
  run_min();
  run_fma();
  return adj_report();
}
