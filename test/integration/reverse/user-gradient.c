// A reverse-mode rule registered with __enzyme_register_gradient_NAME
// ({f, augmented, reverse}) is used instead of differentiating f: a square
// root finite at 0 (no tape, one float parameter); a norm whose augmented
// rule saves the norm on a heap tape that the reverse rule frees; a
// two-parameter function whose reverse rule returns a struct of adjoints;
// a void function writing an output array; each reached from other
// functions (a recursive one too), in a loop (one tape per call), with a constant pointer
// argument (its shadow is null), and requested directly. Every rule is
// scaled or shifted away from what differentiating the body would give, so
// the checks see that the rule ran. Functions with rules are noinline and
// the tables `used` for check-program's opt and LTO routes (see
// forward/user-derivative.c).
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

/* No tape: the augmented rule returns f's result. */
__attribute__((noinline)) double safe_sqrt(double x) { return x > 0 ? sqrt(x) : 0.0; }
double safe_sqrt_aug(double x) { return safe_sqrt(x); }
double safe_sqrt_rev(double x, double dy) { return x > 0 ? dy / (2 * sqrt(x)) : 0.5 * dy; }
__attribute__((used)) void *__enzyme_register_gradient_safe_sqrt[3] = {
    (void *)safe_sqrt, (void *)safe_sqrt_aug, (void *)safe_sqrt_rev};

/* A tape: the norm, kept for the reverse rule, which frees it. The
 * reverse rule adds 10x the true adjoint into the shadow. */
__attribute__((noinline)) double norm(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return sqrt(s);
}
typedef struct { void *tape; double y; } NormAug;
NormAug norm_aug(const double *v, double *dv, int n) {
  double *t = malloc(sizeof *t);
  *t = norm(v, n);
  return (NormAug){t, *t};
}
void norm_rev(const double *v, double *dv, int n, double dy, void *tape) {
  double r = *(double *)tape;
  free(tape);
  if (!dv) /* v carries no derivative at this call */
    return;
  for (int i = 0; i < n; ++i) dv[i] += 10 * dy * v[i] / r;
}
__attribute__((used)) void *__enzyme_register_gradient_norm[3] = {
    (void *)norm, (void *)norm_aug, (void *)norm_rev};

/* Two float parameters: the adjoints come back in a struct (a's doubled). */
__attribute__((noinline)) double hyp(double a, double b) { return sqrt(a * a + b * b); }
typedef struct { void *tape; double y; } HypAug;
typedef struct { double da, db; } HypAdj;
HypAug hyp_aug(double a, double b) { return (HypAug){0, hyp(a, b)}; }
HypAdj hyp_rev(double a, double b, double dy, void *tape) {
  double h = hyp(a, b);
  return (HypAdj){2 * dy * a / h, dy * b / h};
}
__attribute__((used)) void *__enzyme_register_gradient_hyp[3] = {
    (void *)hyp, (void *)hyp_aug, (void *)hyp_rev};

/* A void function writing an output: y = a * x (adjoint of a tripled). The
 * reverse rule consumes and clears dy, as the adjoint of an overwrite must. */
__attribute__((noinline)) void axpy_out(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) y[i] = a * x[i];
}
void axpy_out_aug(double a, const double *x, double *dx, double *y, double *dy, int n) {
  axpy_out(a, x, y, n);
}
double axpy_out_rev(double a, const double *x, double *dx, double *y, double *dy, int n) {
  double da = 0;
  for (int i = 0; i < n; ++i) {
    da += dy[i] * x[i];
    if (dx)
      dx[i] += a * dy[i];
    dy[i] = 0;
  }
  return 3 * da;
}
__attribute__((used)) void *__enzyme_register_gradient_axpy_out[3] = {
    (void *)axpy_out, (void *)axpy_out_aug, (void *)axpy_out_rev};

static double model(double x, double y) { return safe_sqrt(x) * hyp(x, y) + hyp(y, 1.0); }

/* Recursion: a kept call reaches the rule from inside another kept call. */
static double rec(double x, int n) { return n == 0 ? safe_sqrt(x) : x * rec(x, n - 1); }

static double looped(const double *v, int n) {
  double s = 0;
  for (int k = 1; k <= 3; ++k) s += k * norm(v, n); /* three calls, three tapes */
  return s;
}

static double weighted(const double *w, const double *table) {
  return norm(w, 2) * norm(table, 2); /* table is enzyme_const */
}

static double chain(double a, const double *x, int n) {
  double y[4];
  axpy_out(a, x, y, n);
  double s = 0;
  for (int i = 0; i < n; ++i) s += y[i] * y[i];
  return s;
}

int main(void) {
  /* safe_sqrt: at 0 the rule's 0.5; elsewhere 1/(2 sqrt x). */
  EXPECT_NEAR(__enzyme_autodiff((void *)safe_sqrt, 0.0), 0.5, 0);
  EXPECT_NEAR(__enzyme_autodiff((void *)safe_sqrt, 4.0), 0.25, 1e-15);

  /* model: d/dx = sqrt'(x) h + sqrt(x) * 2 h_a; d/dy = sqrt(x) h_b + 2 h_a(y, 1). */
  double x = 0.64, y = 0.3, h = hypot(x, y), h2 = hypot(y, 1.0);
  EXPECT_NEAR(__enzyme_autodiff((void *)model, enzyme_out, x, enzyme_const, y),
              h / (2 * sqrt(x)) + sqrt(x) * 2 * x / h, 1e-12);
  EXPECT_NEAR(__enzyme_autodiff((void *)model, enzyme_const, x, enzyme_out, y),
              sqrt(x) * y / h + 2 * y / h2, 1e-12);

  /* rec(x, 2) = x^2 sqrt(x): 2 x sqrt(x) + x^2 / (2 sqrt x) */
  EXPECT_NEAR(__enzyme_autodiff((void *)rec, 4.0, enzyme_const, 2), 2 * 4.0 * 2 + 16 / 4.0, 1e-12);

  double v[3] = {1, 2, 2}, dv[3] = {0, 0, 0};
  __enzyme_autodiff((void *)looped, v, dv, 3);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(dv[i], 6 * 10 * v[i] / 3.0, 1e-12);

  double w[2] = {3, 4}, dw[2] = {0, 0}, table[2] = {1, 1};
  __enzyme_autodiff((void *)weighted, w, dw, enzyme_const, table);
  for (int i = 0; i < 2; ++i) EXPECT_NEAR(dw[i], 10 * w[i] / 5.0 * sqrt(2.0), 1e-12);

  /* chain: s = a^2 sum x^2; ds/da = 2 a sum x^2 (rule: tripled); ds/dx = 2 a^2 x. */
  double xs[3] = {1, -2, 0.5}, dxs[3] = {0, 0, 0}, a = 1.5;
  double da = __enzyme_autodiff((void *)chain, a, xs, dxs, 3);
  EXPECT_NEAR(da, 3 * 2 * a * (1 + 4 + 0.25), 1e-12);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(dxs[i], 2 * a * a * xs[i], 1e-12);
  return adj_report();
}
