// Reverse mode through recursion over a binary tree of nodes {double v; left, right} with a
// shadow tree mirroring it (built by the caller): a recursive weighted sum (two recursive
// calls per node, so not a loop), a recursive depth-discounted product with an active
// scalar, and the same recursion over a tree stored implicitly in an array (children of i
// at 2i+1, 2i+2). Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 10
static double tsum(const struct tnode *t) {
  if (!t)
    return 0.0;
  double l = tsum(t->left), r = tsum(t->right);
  return t->v * t->v + 0.5 * l + 2.0 * r;
}
/* sum over nodes of v * a^depth, computed as v + a * (sub(left) + sub(right)) */
static double tdisc(const struct tnode *t, double a) {
  if (!t)
    return 0.0;
  return sin(t->v) + a * (tdisc(t->left, a) + tdisc(t->right, a));
}
static double asum(const double *x, int i, int n) {
  if (i >= n)
    return 0.0;
  return x[i] * (1.0 + 0.1 * asum(x, 2 * i + 1, n)) + asum(x, 2 * i + 2, n) * x[i];
}
static double asum_flat(double *x) { return asum(x, 0, N); }
static double tdisc_flat(double *x) {
  struct tnode t[N];
  return tdisc(rm_tree(t, x, N), 0.8);
}
static int depth(int i) {
  int d = 0;
  while (i) {
    i = (i - 1) / 2;
    ++d;
  }
  return d;
}

int main(void) {
  double vals[N];
  for (int i = 0; i < N; ++i)
    vals[i] = 0.3 * i - 1.0 + 0.2 * sin(i);
  struct tnode tree[N], shadow[N];
  struct tnode *t = rm_tree(tree, vals, N), *dt = rm_tree(shadow, 0, N);
  __enzyme_autodiff((void *)tsum, enzyme_dup, t, dt);
  for (int i = 0; i < N; ++i) {
    /* weight: product of 0.5 (left edge) or 2 (right edge) along the path from the root */
    double w = 1;
    for (int k = i; k; k = (k - 1) / 2)
      w *= (k % 2) ? 0.5 : 2.0;
    EXPECT_NEAR(shadow[i].v, 2 * vals[i] * w, 1e-14);
  }

  t = rm_tree(tree, vals, N);
  dt = rm_tree(shadow, 0, N);
  double a = 0.8;
  double da = __enzyme_autodiff((void *)tdisc, enzyme_dup, t, dt, a);
  double want_a = 0;
  for (int i = 0; i < N; ++i) {
    int d = depth(i);
    EXPECT_NEAR(shadow[i].v, cos(vals[i]) * pow(a, d), 1e-14);
    EXPECT_NEAR(shadow[i].v, rm_fd(tdisc_flat, vals, N, i), 1e-6);
    if (d)
      want_a += sin(vals[i]) * d * pow(a, d - 1);
  }
  EXPECT_NEAR(da, want_a, 1e-13);

  double dx[N] = {0};
  __enzyme_autodiff((void *)asum, enzyme_dup, vals, dx, enzyme_const, 0, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(asum_flat, vals, N, i), 1e-6);
  return adj_report();
}
