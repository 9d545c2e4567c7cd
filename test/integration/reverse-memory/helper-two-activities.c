// Reverse mode through a helper called from two call sites with different activity: a
// noinline dot product called with (active x, active x), (active x, constant table) and
// (constant table, active x); a noinline helper writing an output array called once into an
// active buffer and once into a constant local whose values feed nothing active; and a scalar
// helper called with an active and with a constant argument. Each activity signature gets
// its own derivative. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 4
static const double T[N] = {1.5, -0.5, 2.0, 0.25};

__attribute__((noinline)) static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}
__attribute__((noinline)) static void sq_into(const double *a, double *out, int n) {
  for (int i = 0; i < n; ++i)
    out[i] = a[i] * a[i];
}
__attribute__((noinline)) static double poly(double u, double v) { return u * u * v + v * v; }

/* f = x.x + 2 x.T + 3 T.x */
static double three_dots(const double *x, int n) {
  return dot(x, x, n) + 2 * dot(x, T, n) + 3 * dot(T, x, n);
}
/* the active call writes x^2 into tmp (used); the constant call squares T into junk */
static double writes(const double *x, int n) {
  double tmp[N], junk[N];
  sq_into(x, tmp, n);
  sq_into(T, junk, n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += tmp[i] * junk[i];
  return s;
}
/* poly(x, 2) + poly(3, x): active first argument, then active second argument */
static double scalar(double x) { return poly(x, 2.0) + poly(3.0, x) + poly(x, x); }

int main(void) {
  double x[N] = {0.5, -1.0, 0.75, 2.0}, dx[N] = {0};
  __enzyme_autodiff((void *)three_dots, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 2 * x[i] + 5 * T[i], 1e-14);

  double gx[N] = {0};
  __enzyme_autodiff((void *)writes, enzyme_dup, x, gx, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(gx[i], 2 * x[i] * T[i] * T[i], 1e-14);

  for (double v = -1.0; v <= 1.5; v += 0.5) {
    /* d/dx [2x^2 + 4] + [9x + x^2] + [x^3 + x^2] */
    EXPECT_NEAR(__enzyme_autodiff((void *)scalar, v), 4 * v + 9 + 2 * v + 3 * v * v + 2 * v,
                1e-13);
  }
  return adj_report();
}
