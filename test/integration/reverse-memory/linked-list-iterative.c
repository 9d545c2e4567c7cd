// Reverse mode over a linked list of nodes {double v; struct node *next;} built by the caller,
// with a shadow list mirroring it (each shadow node's next points to the next shadow node):
// a loop over the list computing a weighted sum with the previous value, an active scalar
// multiplying every value, and an in-place update of the values through the list followed
// by a second traversal. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"

#define N 6
/* sum of a * v_k * v_{k-1} (v_{-1} = 1) + v_k^2 */
static double walk(const struct node *l, double a) {
  double s = 0, prev = 1.0;
  for (const struct node *p = l; p; p = p->next) {
    s += a * p->v * prev + p->v * p->v;
    prev = p->v;
  }
  return s;
}
/* v_k <- exp(0.5 v_k) + v_{k-1}(updated), then sum of v_k * (k+1) */
static double update(struct node *l) {
  double prev = 0;
  for (struct node *p = l; p; p = p->next) {
    p->v = exp(0.5 * p->v) + prev;
    prev = p->v;
  }
  double s = 0;
  int k = 1;
  for (struct node *p = l; p; p = p->next)
    s += p->v * k++;
  return s;
}
static double update_flat(double *v) {
  struct node nodes[N];
  return update(rm_list(nodes, v, N));
}

int main(void) {
  double vals[N] = {0.5, -0.3, 1.2, 0.8, -1.1, 0.4};
  struct node nodes[N], shadow[N];
  struct node *l = rm_list(nodes, vals, N), *dl = rm_list(shadow, 0, N);
  double a = 1.7;
  double da = __enzyme_autodiff((void *)walk, enzyme_dup, l, dl, a);
  double want_a = 0;
  for (int k = 0; k < N; ++k) {
    double prev = k ? vals[k - 1] : 1.0, next = k + 1 < N ? vals[k + 1] : 0.0;
    want_a += vals[k] * prev;
    EXPECT_NEAR(shadow[k].v, a * prev + a * next + 2 * vals[k], 1e-14);
    EXPECT_NEAR((double)(shadow[k].next == (k + 1 < N ? &shadow[k + 1] : 0)), 1.0, 0.0);
  }
  EXPECT_NEAR(da, want_a, 1e-14);

  l = rm_list(nodes, vals, N);
  dl = rm_list(shadow, 0, N);
  __enzyme_autodiff((void *)update, enzyme_dup, l, dl);
  for (int k = 0; k < N; ++k) {
    /* v_k(final) = sum_{i<=k} exp(0.5 v_i): d s / d v_i = 0.5 exp(0.5 v_i) sum_{k>=i} (k+1) */
    double w = 0;
    for (int j = k; j < N; ++j)
      w += j + 1;
    EXPECT_NEAR(shadow[k].v, 0.5 * exp(0.5 * vals[k]) * w, 1e-13);
    EXPECT_NEAR(shadow[k].v, rm_fd(update_flat, vals, N, k), 1e-6);
  }
  return adj_report();
}
