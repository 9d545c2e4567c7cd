// Reverse mode through a recursive function over a linked list (not a tail call: the result
// of the rest of the list is multiplied after the call returns, Horner's rule), with a shadow
// list mirroring the primal one; and a recursive function over the list that also takes an
// active scalar. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 7
/* v0 + t (v1 + t (v2 + ...)) */
static double horner(const struct node *l, double t) {
  if (!l)
    return 0.0;
  return l->v + t * horner(l->next, t);
}
/* sum of sin(v_k) * prod_{i<k} cos(v_i), recursively */
static double rec(const struct node *l) {
  if (!l)
    return 0.0;
  return sin(l->v) + cos(l->v) * rec(l->next);
}
static double rec_flat(double *v) {
  struct node nodes[N];
  return rec(rm_list(nodes, v, N));
}

int main(void) {
  double vals[N] = {0.5, -0.3, 1.2, 0.8, -1.1, 0.4, 2.0};
  struct node nodes[N], shadow[N];
  struct node *l = rm_list(nodes, vals, N), *dl = rm_list(shadow, 0, N);
  double t = 0.9;
  double dt = __enzyme_autodiff((void *)horner, enzyme_dup, l, dl, t);
  double want_t = 0;
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(shadow[k].v, pow(t, k), 1e-14);
    if (k)
      want_t += k * vals[k] * pow(t, k - 1);
  }
  EXPECT_NEAR(dt, want_t, 1e-13);

  l = rm_list(nodes, vals, N);
  dl = rm_list(shadow, 0, N);
  __enzyme_autodiff((void *)rec, enzyme_dup, l, dl);
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(shadow[k].v, rm_fd(rec_flat, vals, N, k), 1e-6);
  return adj_report();
}
