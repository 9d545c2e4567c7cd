// User-facing split reverse mode: __enzyme_augmentfwd runs the forward
// pass and returns the tape (with the function's result when declared as
// {tape, result}); __enzyme_reverse takes the same arguments, the adjoint
// of the float result (here 2, so the gradient doubles), then the tape
// (optionally after enzyme_tape), and frees it. Covered: a loop reading a
// duplicated array with an active scalar whose adjoint is returned, a
// function writing outputs through a pointer whose shadow the caller
// seeds between the two calls, several tapes alive at once and consumed in
// another order, and a recursive function. Against central differences
// and analytic values.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"
#include "Inputs/split.h"

static double f(double *x, int n, double a) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += sin(a * x[i]) * x[i];
  return s;
}
static void g(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[i] * exp(x[i]);
}
static double tree(double x, int n) { return n <= 1 ? x : tree(x, n - 1) * x + tree(0.5 * x, n - 2); }
static double tree_at(double x) { return tree(x, 6); }

static const double A = 0.8;
static double f_x(const double *x) { return f((double *)x, 4, A); }

int main(void) {
  double x[4] = {0.1, 0.5, -0.7, 1.1}, dx[4] = {0};
  Aug t = __enzyme_augmentfwd_r((void *)f, x, dx, enzyme_const, 4, A);
  EXPECT_NEAR(t.y, f(x, 4, A), 1e-15);
  double da = __enzyme_reverse_d((void *)f, x, dx, enzyme_const, 4, A, 2.0, t.tape);
  double h = 1e-6;
  EXPECT_NEAR(da, 2 * (f(x, 4, A + h) - f(x, 4, A - h)) / (2 * h), 1e-6);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dx[i], 2 * rev_fd_vec(f_x, x, 4, i), 1e-6);

  // Outputs through memory: the caller seeds dy after the forward pass.
  double y[4], dy[4] = {0}, gx[4] = {0};
  void *tp = __enzyme_augmentfwd((void *)g, x, gx, y, dy, enzyme_const, 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(y[i], x[i] * x[i] * exp(x[i]), 1e-15);
    dy[i] = i + 1;
  }
  __enzyme_reverse((void *)g, x, gx, y, dy, enzyme_const, 4, enzyme_tape, tp);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(gx[i], (i + 1) * (2 * x[i] + x[i] * x[i]) * exp(x[i]), 1e-12);
    EXPECT_NEAR(dy[i], 0, 0); // the output's shadow is consumed
  }

  // Three tapes alive at once, reversed in another order than recorded.
  void *tapes[3];
  double at[3] = {-0.9, 0.4, 1.3};
  for (int k = 0; k < 3; ++k)
    tapes[k] = __enzyme_augmentfwd((void *)tree, at[k], enzyme_const, 6);
  for (int k = 2; k >= 0; --k)
    EXPECT_NEAR(__enzyme_reverse_d((void *)tree, at[k], enzyme_const, 6, 1.0, tapes[k]),
                adj_fd(tree_at, at[k]), 1e-6);
  return adj_report();
}
