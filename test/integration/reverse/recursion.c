// Reverse mode through recursive functions, which cannot be inlined: each
// recursive call runs the callee's augmented forward function (which
// returns its tape) and, in the reverse pass, its reverse function, one
// pair per activity signature. Covered: a tree recursion with two calls
// per level (no tail call, so it stays a recursion at -O2), the same
// function called from another with three call sites, a recursive sum
// over an array read through a duplicated pointer with a scalar parameter
// (a pointer argument and an active float in one signature), and mutual
// recursion. Gradients against central differences and the analytic
// derivative of x^n.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"


static double tree(double x, int n) {
  if (n <= 1)
    return x;
  return tree(x, n - 1) * x + tree(x * 0.5, n - 2);
}
static double uses_tree(double x) { return tree(x, 5) + tree(x, 6) * tree(x, 7); }

static double rsum(const double *x, int n, double a) {
  if (n == 0)
    return 0;
  return sin(a * x[0]) + rsum(x + 1, n - 1, a) * 0.9 + 0.1 * rsum(x + 1, n - 2 > 0 ? n - 2 : 0, a);
}

static double rpow(double x, int n) { return n == 0 ? 1.0 : x * rpow(x, n - 1); }

static double odd(double x, int n);
static double even(double x, int n) { return n == 0 ? cos(x) : x * odd(x, n - 1) + even(x, n - 2 < 0 ? 0 : n - 2) * 0.1; }
static double odd(double x, int n) { return n <= 1 ? sin(x) : exp(-x * x) * even(x, n - 1); }

static int N_ARR = 6;
static double A_PARAM = 1.3;
static double rsum_x(const double *x) { return rsum(x, N_ARR, A_PARAM); }
static double tree_at(double x) { return tree(x, 6); }
static double even_at(double x) { return even(x, 7); }

int main(void) {
  for (double x = -1.2; x <= 1.2; x += 0.6) {
    EXPECT_NEAR(__enzyme_autodiff((void *)tree, x, enzyme_const, 6), adj_fd(tree_at, x), 1e-6);
    EXPECT_NEAR(__enzyme_autodiff((void *)uses_tree, x), adj_fd(uses_tree, x), 1e-5);
    EXPECT_NEAR(__enzyme_autodiff((void *)even, x, enzyme_const, 7), adj_fd(even_at, x), 1e-6);
    EXPECT_NEAR(__enzyme_autodiff((void *)rpow, x, enzyme_const, 7), 7 * pow(x, 6), 1e-12);
  }
  double x[6] = {0.1, 0.7, -0.3, 1.2, 0.5, -0.8};
  double dx[6] = {0};
  double da = __enzyme_autodiff((void *)rsum, enzyme_dup, x, dx, enzyme_const, N_ARR, A_PARAM);
  double h = 1e-6;
  EXPECT_NEAR(da, (rsum(x, N_ARR, A_PARAM + h) - rsum(x, N_ARR, A_PARAM - h)) / (2 * h), 1e-6);
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(dx[i], rev_fd_vec(rsum_x, x, 6, i), 1e-6);
  return adj_report();
}
