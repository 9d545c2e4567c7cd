// A forward-mode rule registered with __enzyme_register_derivative_NAME is
// used instead of differentiating the function: here a square root whose
// rule is finite at 0, an "external" solver whose body is not
// differentiable (a bit-level Newton start), reached through another
// function, with a pointer parameter, and in a batch of 2. The values are
// the rules' own formulas, which differ from what differentiating the
// bodies would give. Adjoint's drivers and plugin keep such functions from
// being inlined and the tables from being dropped; check-program's opt and
// LTO routes compile with plain clang first, so here the functions are
// marked noinline and the tables `used`, as the README says to.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>
#include <string.h>

typedef struct { double y, t[2]; } YT2;
YT2 __enzyme_fwddiff_yt2(void *, ...);

__attribute__((noinline)) double safe_sqrt(double x) { return x > 0 ? sqrt(x) : 0.0; }
/* At 0 the user picks a finite value (here 0.5), where differentiating the
 * body would give 0 and sqrt's own derivative is infinite. */
double safe_sqrt_tangent(double x, double dx) { return x > 0 ? dx / (2 * sqrt(x)) : 0.5 * dx; }
__attribute__((used)) void *__enzyme_register_derivative_safe_sqrt[2] = {(void *)safe_sqrt,
                                                                         (void *)safe_sqrt_tangent};

/* 1/sqrt(x) by a bit trick and Newton steps: the integer moves carry no
 * derivative, so only the rule can give one. */
__attribute__((noinline)) double rsqrt(double x) {
  long long i;
  double y;
  memcpy(&i, &x, 8);
  i = 0x5fe6eb50c7b537a9LL - (i >> 1);
  memcpy(&y, &i, 8);
  for (int k = 0; k < 4; ++k) y = y * (1.5 - 0.5 * x * y * y);
  return y;
}
double rsqrt_tangent(double x, double dx) { return -0.5 * dx / (x * sqrt(x)); }
__attribute__((used)) void *__enzyme_register_derivative_rsqrt[2] = {(void *)rsqrt,
                                                                     (void *)rsqrt_tangent};

/* A pointer parameter: the rule gets the primal and the shadow. */
__attribute__((noinline)) double dot3(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}
double dot3_tangent(const double *v, const double *dv, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += 2 * v[i] * dv[i];
  return 1000 * s; /* deliberately scaled: the test sees that the rule ran */
}
__attribute__((used)) void *__enzyme_register_derivative_dot3[2] = {(void *)dot3,
                                                                    (void *)dot3_tangent};

static double model(double x) { return safe_sqrt(x) * rsqrt(x + 1.0); }
static double uses_dot(const double *v) { return dot3(v, 3) + v[0]; }

int main(void) {
  double x = 0.81;
  double want = (1 / (2 * sqrt(x))) / sqrt(x + 1.0) + sqrt(x) * (-0.5 / ((x + 1) * sqrt(x + 1)));
  EXPECT_NEAR(__enzyme_fwddiff((void *)model, x, 1.0), want, 1e-12);
  EXPECT_NEAR(__enzyme_fwddiff((void *)safe_sqrt, 0.0, 1.0), 0.5, 0);
  double v[3] = {1, 2, 3}, dv[3] = {0.5, 0, -1};
  EXPECT_NEAR(__enzyme_fwddiff((void *)uses_dot, v, dv), 1000 * (2 * 0.5 - 6) + 0.5, 1e-12);
  YT2 r = __enzyme_fwddiff_yt2((void *)model, enzyme_primal_return, enzyme_width, 2, x, 1.0, -2.0);
  EXPECT_NEAR(r.y, sqrt(x) * rsqrt(x + 1.0), 1e-15);
  EXPECT_NEAR(r.t[0], want, 1e-12);
  EXPECT_NEAR(r.t[1], -2 * want, 1e-12);
  return adj_report();
}
