// Reverse mode through a recursive binary-tree evaluation with an active scalar parameter t:
// eval(n, t) = sin(v t) + 0.5 eval(left, t) eval(right, t) (empty subtree = 1), over a
// caller-built tree with a mirrored shadow tree; the derivative w.r.t. t is returned and the
// node values' gradients land in the shadow tree. Also an expression tree whose int op field
// picks + or * at each inner node, with t at the leaves scaled by the leaf value. Finite
// differences (the trees rebuilt from perturbed values) and analytic values for a tiny tree.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 9
static double eval(const struct tnode *n, double t) {
  if (!n)
    return 1.0;
  return sin(n->v * t) + 0.5 * eval(n->left, t) * eval(n->right, t);
}
struct enode {
  int op; /* 0: leaf, 1: +, 2: * */
  double v;
  struct enode *l, *r;
};
static double expr(const struct enode *e, double t) {
  switch (e->op) {
  case 0:
    return e->v * t;
  case 1:
    return expr(e->l, t) + expr(e->r, t);
  default:
    return expr(e->l, t) * expr(e->r, t) * e->v;
  }
}

static const double T0 = 0.7;
static double vals0[N] = {0.5, -1.0, 0.8, 1.2, -0.3, 0.25, 2.0, -0.6, 0.9};
static double eval_vals(double *v) {
  struct tnode t[N];
  return eval(rm_tree(t, v, N), T0);
}
static double eval_t(double t) {
  struct tnode tr[N];
  return eval(rm_tree(tr, vals0, N), t);
}
/* ((a t) * (b t)) * c + (d t) with node values a, b, c, d */
static struct enode E[5];
static struct enode *build(double a, double b, double c, double d) {
  E[0] = (struct enode){0, a, 0, 0};
  E[1] = (struct enode){0, b, 0, 0};
  E[2] = (struct enode){2, c, &E[0], &E[1]};
  E[3] = (struct enode){0, d, 0, 0};
  E[4] = (struct enode){1, 0.0, &E[2], &E[3]};
  return &E[4];
}

int main(void) {
  struct tnode tr[N], sh[N];
  struct tnode *root = rm_tree(tr, vals0, N), *droot = rm_tree(sh, 0, N);
  double dt = __enzyme_autodiff((void *)eval, root, droot, T0);
  EXPECT_NEAR(dt, adj_fd(eval_t, T0), 1e-6);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(sh[i].v, rm_fd(eval_vals, vals0, N, i), 1e-6);

  /* a three-node tree by hand: sin(a t) + 0.5 sin(b t) sin(c t) */
  struct tnode s3[3], d3[3];
  double v3[3] = {0.4, -0.9, 1.3};
  double t = 1.1;
  dt = __enzyme_autodiff((void *)eval, rm_tree(s3, v3, 3), rm_tree(d3, 0, 3), t);
  double a = v3[0], b = v3[1], c = v3[2];
  /* leaves: eval = sin(v t) + 0.5 * 1 * 1 */
  double lb = sin(b * t) + 0.5, lc = sin(c * t) + 0.5;
  EXPECT_NEAR(d3[0].v, t * cos(a * t), 1e-14);
  EXPECT_NEAR(d3[1].v, 0.5 * t * cos(b * t) * lc, 1e-14);
  EXPECT_NEAR(d3[2].v, 0.5 * t * cos(c * t) * lb, 1e-14);
  EXPECT_NEAR(dt, a * cos(a * t) + 0.5 * (b * cos(b * t) * lc + c * cos(c * t) * lb), 1e-14);

  struct enode *e = build(0.5, -2.0, 1.5, 3.0);
  struct enode de[5];
  memset(de, 0, sizeof de);
  de[2].l = &de[0];
  de[2].r = &de[1];
  de[4].l = &de[2];
  de[4].r = &de[3];
  t = 0.8;
  /* f = a b c t^2 + d t */
  double dte = __enzyme_autodiff((void *)expr, e, &de[4], t);
  EXPECT_NEAR(dte, 2 * 0.5 * -2.0 * 1.5 * t + 3.0, 1e-14);
  EXPECT_NEAR(de[0].v, -2.0 * 1.5 * t * t, 1e-14);
  EXPECT_NEAR(de[1].v, 0.5 * 1.5 * t * t, 1e-14);
  EXPECT_NEAR(de[2].v, 0.5 * -2.0 * t * t, 1e-14);
  EXPECT_NEAR(de[3].v, t, 1e-14);
  return adj_report();
}
