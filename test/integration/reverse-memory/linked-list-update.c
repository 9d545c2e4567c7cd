// Reverse mode writing through a linked list: a function that scales every node's value in
// place by an active factor and shifts it by the previous (original) value, used as an output
// (the caller seeds the shadow list's values with the adjoint of the final values; on return
// they hold the adjoint of the initial values, and the factor's derivative is returned); and
// a list copied value by value into a second (output) list.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 5
static void scale_shift(struct node *l, double a) {
  double prev = 0;
  for (struct node *p = l; p; p = p->next) {
    double old = p->v;
    p->v = a * old * old + prev;
    prev = old;
  }
}
static void copy_sq(const struct node *src, struct node *dst) {
  for (; src && dst; src = src->next, dst = dst->next)
    dst->v = src->v * src->v;
}

int main(void) {
  double vals[N] = {0.5, -0.3, 1.2, 0.8, -1.1}, w[N] = {1, -2, 0.5, 3, 1.5};
  struct node nodes[N], shadow[N];
  struct node *l = rm_list(nodes, vals, N), *dl = rm_list(shadow, w, N);
  double a = 1.3;
  double da = __enzyme_autodiff((void *)scale_shift, enzyme_dup, l, dl, a);
  double want_a = 0;
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(nodes[k].v, a * vals[k] * vals[k] + (k ? vals[k - 1] : 0), 1e-15);
    /* v'_k = a v_k^2 + v_{k-1} */
    EXPECT_NEAR(shadow[k].v, w[k] * 2 * a * vals[k] + (k + 1 < N ? w[k + 1] : 0), 1e-14);
    want_a += w[k] * vals[k] * vals[k];
  }
  EXPECT_NEAR(da, want_a, 1e-14);

  struct node out[N], dout[N];
  l = rm_list(nodes, vals, N);
  dl = rm_list(shadow, 0, N);
  struct node *o = rm_list(out, 0, N), *dout_l = rm_list(dout, w, N);
  __enzyme_autodiff((void *)copy_sq, enzyme_dup, l, dl, enzyme_dup, o, dout_l);
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(out[k].v, vals[k] * vals[k], 1e-15);
    EXPECT_NEAR(shadow[k].v, 2 * vals[k] * w[k], 1e-14);
    EXPECT_NEAR(dout[k].v, 0.0, 0.0);
  }
  return adj_report();
}
