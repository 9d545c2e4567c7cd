// Reverse mode through recursive sums over a linked list with a mirrored shadow list: a
// recursive sum whose weight halves with depth (passed down as an argument), a recursion
// that accumulates into a caller's local through a pointer (*acc += ... before the call),
// and a recursive sum that also takes an active scalar. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 6
static double wsum(const struct node *l, double w) {
  if (!l)
    return 0.0;
  return w * exp(l->v) + wsum(l->next, 0.5 * w);
}
static void acc_sin(const struct node *l, double *acc) {
  if (!l)
    return;
  *acc += sin(l->v) * l->v;
  acc_sin(l->next, acc);
}
static double use_acc(const struct node *l) {
  double a = 0;
  acc_sin(l, &a);
  return a * a;
}
/* sum_k (v_k - c)^2 */
static double dist(const struct node *l, double c) {
  return l ? (l->v - c) * (l->v - c) + dist(l->next, c) : 0.0;
}

int main(void) {
  double vals[N] = {0.5, -0.25, 1.0, -1.5, 0.75, 0.1};
  struct node nodes[N], sh[N];
  struct node *l = rm_list(nodes, vals, N);

  struct node *dl = rm_list(sh, 0, N);
  __enzyme_autodiff((void *)wsum, l, dl, enzyme_const, 1.0);
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(sh[k].v, pow(0.5, k) * exp(vals[k]), 1e-14);

  dl = rm_list(sh, 0, N);
  __enzyme_autodiff((void *)use_acc, l, dl);
  double a = 0;
  for (int k = 0; k < N; ++k)
    a += sin(vals[k]) * vals[k];
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(sh[k].v, 2 * a * (cos(vals[k]) * vals[k] + sin(vals[k])), 1e-14);

  dl = rm_list(sh, 0, N);
  double c = 0.3;
  double dc = __enzyme_autodiff((void *)dist, l, dl, c);
  double want = 0;
  for (int k = 0; k < N; ++k) {
    EXPECT_NEAR(sh[k].v, 2 * (vals[k] - c), 1e-14);
    want += -2 * (vals[k] - c);
  }
  EXPECT_NEAR(dc, want, 1e-14);
  return adj_report();
}
