// Split reverse mode through linked structures and the heap: the augmented forward pass over
// a caller-built linked list with a mirrored shadow list (the tape crosses to the reverse
// call), a function with a malloc'ed temporary freed inside it, and two tapes of the same
// function alive at once, reversed in the other order. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"
#include <stdlib.h>

#include "../reverse/Inputs/split.h"

#define N 5
static double lsum(const struct node *l, double a) {
  double s = 0;
  for (; l; l = l->next)
    s = s * a + l->v * l->v;
  return s;
}
static double heap_tmp(const double *x, int n) {
  double *t = (double *)malloc(sizeof(double) * n);
  for (int i = 0; i < n; ++i)
    t[i] = x[i] * x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += t[i] * (i + 1);
  free(t);
  return s;
}

int main(void) {
  double vals[N] = {0.5, -1.0, 0.25, 2.0, -0.75};
  struct node nodes[N], shadow[N];
  struct node *l = rm_list(nodes, vals, N), *dl = rm_list(shadow, 0, N);
  double a = 0.8;
  Aug r = __enzyme_augmentfwd_r((void *)lsum, l, dl, a);
  EXPECT_NEAR(r.y, lsum(l, a), 1e-15);
  double da = __enzyme_reverse_d((void *)lsum, l, dl, a, 1.0, r.tape);
  /* s = sum_k v_k^2 a^(N-1-k) */
  double want_a = 0;
  for (int k = 0; k < N; ++k) {
    int e = N - 1 - k;
    EXPECT_NEAR(shadow[k].v, 2 * vals[k] * pow(a, e), 1e-14);
    if (e)
      want_a += vals[k] * vals[k] * e * pow(a, e - 1);
  }
  EXPECT_NEAR(da, want_a, 1e-13);

  double x1[N] = {0.1, 0.2, 0.3, 0.4, 0.5}, x2[N] = {-1, 1, -0.5, 0.5, 2};
  double d1[N] = {0}, d2[N] = {0};
  Aug t1 = __enzyme_augmentfwd_r((void *)heap_tmp, x1, d1, enzyme_const, N);
  Aug t2 = __enzyme_augmentfwd_r((void *)heap_tmp, x2, d2, enzyme_const, N);
  EXPECT_NEAR(t2.y, heap_tmp(x2, N), 1e-14);
  __enzyme_reverse((void *)heap_tmp, x2, d2, enzyme_const, N, 1.0, t2.tape);
  __enzyme_reverse((void *)heap_tmp, x1, d1, enzyme_const, N, 3.0, t1.tape);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d1[i], 3.0 * 3 * x1[i] * x1[i] * (i + 1), 1e-14);
    EXPECT_NEAR(d2[i], 3 * x2[i] * x2[i] * (i + 1), 1e-14);
  }
  return adj_report();
}
