// Forward mode through the vector form of llvm.powi: <N x T> base, scalar i32
// exponent. Once called directly (declared by its IR name with an asm label)
// on <2 x double> and <4 x float>, once the way real code meets it: a plain
// loop over __builtin_powi, which the loop vectorizer turns into
// llvm.powi.v2f64.i32 at -O2/-O3. Each lane is compared with n x^(n-1)
// (1e-12 relative for double, 1e-5 for float).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef double v2d __attribute__((ext_vector_type(2)));
typedef float v4f __attribute__((ext_vector_type(4)));
v2d __enzyme_fwddiff_v2d(void *, ...);
v4f __enzyme_fwddiff_v4f(void *, ...);
void __enzyme_fwddiff_void(void *, ...);

v2d ir_powi_2(v2d, int) __asm__("llvm.powi.v2f64.i32");
v4f ir_powi_4(v4f, int) __asm__("llvm.powi.v4f32.i32");

static v2d w2_cube(v2d x) { return ir_powi_2(x, 3); }
static v2d w2_inv2(v2d x) { return ir_powi_2(x, -2); }
static v2d w2_zero(v2d x) { return ir_powi_2(x, 0); }
static v4f w4_cube(v4f x) { return ir_powi_4(x, 3); }
static v2d w2_n(v2d x, int n) { return ir_powi_2(x, n); }

/* y[i] = x[i]^3 in a loop the vectorizer widens to llvm.powi.v2f64.i32. */
static void cube_all(double *restrict y, const double *restrict x, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = __builtin_powi(x[i], 3);
}

static void check(int line, const char *what, int lane, double x, double got, double want,
                  double tol) {
  char buf[160];
  snprintf(buf, sizeof buf, "%s, lane %d, x=%.17g", what, lane, x);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}

int main(void) {
  v2d x = {-1.5, 2.5}, s = {1, -2.5};
  v2d d = __enzyme_fwddiff_v2d((void *)w2_cube, x, s);
  for (int i = 0; i < 2; ++i)
    check(__LINE__, "powi(x, 3) v2f64", i, x[i], d[i], s[i] * 3 * x[i] * x[i], 1e-12);
  d = __enzyme_fwddiff_v2d((void *)w2_inv2, x, s);
  for (int i = 0; i < 2; ++i)
    check(__LINE__, "powi(x, -2) v2f64", i, x[i], d[i], s[i] * -2 / (x[i] * x[i] * x[i]),
          1e-12);
  d = __enzyme_fwddiff_v2d((void *)w2_zero, x, s);
  for (int i = 0; i < 2; ++i)
    check(__LINE__, "powi(x, 0) v2f64", i, x[i], d[i], 0, 1e-12);
  for (int n = -3; n <= 4; ++n) {
    d = __enzyme_fwddiff_v2d((void *)w2_n, x, s, n);
    for (int i = 0; i < 2; ++i)
      check(__LINE__, "powi(x, n) v2f64", i, x[i], d[i], s[i] * n * pow(x[i], n - 1), 1e-12);
  }

  v4f fx = {-1.5, 0.5, 2, 3.25}, fs = {1, -2.5, 0.5, 3};
  v4f fd = __enzyme_fwddiff_v4f((void *)w4_cube, fx, fs);
  for (int i = 0; i < 4; ++i)
    check(__LINE__, "powi(x, 3) v4f32", i, fx[i], fd[i], fs[i] * 3.0 * fx[i] * fx[i], 1e-5);

  enum { N = 16 };
  double xs[N], dxs[N], ys[N], dys[N];
  for (int i = 0; i < N; ++i) {
    xs[i] = 0.25 * i - 1.5;
    dxs[i] = 1 + 0.5 * i;
  }
  __enzyme_fwddiff_void((void *)cube_all, ys, dys, xs, dxs, N);
  for (int i = 0; i < N; ++i)
    check(__LINE__, "vectorized loop of powi(x, 3)", i, xs[i], dys[i],
          dxs[i] * 3 * xs[i] * xs[i], 1e-12);
  return adj_report();
}
