// Integer fields and int arrays moved between memory with shadows, beside doubles: the moves
// carry no adjoint and need no layout (at -O0 their addresses are computed as int fields and
// elements; at -O2 their TBAA tags say int), while the double beside them gets its gradient.
// (Reverse mode turns integer moves the optimizer made out of copies into copies, so that a
// double moved as an i64 keeps its adjoint: ir/reverse/integer-move.ll.)
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  int n;
  double w;
} Item;

static double f(Item *dst, const Item *src, int *counts, double x) {
  dst->n = src->n;       /* a 4-byte integer move between structs with shadows */
  counts[1] = counts[0]; /* an int array with a shadow (duplicated by default) */
  dst->w = src->w * x;
  return dst->w * dst->n * counts[1];
}

int main(void) {
  Item s = {3, 1.5}, d = {0, 0}, ds = {0, 0}, dd = {0, 0};
  int c[2] = {2, 0}, dc[2] = {0, 0};
  double x = 2.0;
  double g = __enzyme_autodiff((void *)f, &d, &dd, &s, &ds, c, dc, x);
  EXPECT_NEAR(g, s.w * s.n * 2, 1e-15);     /* d/dx */
  EXPECT_NEAR(ds.w, x * s.n * 2, 1e-15);    /* d/d src->w */
  EXPECT_NEAR(d.w, s.w * x, 1e-15);         /* the forward pass ran */
  EXPECT_NEAR((double)d.n, 3.0, 0.0);
  EXPECT_NEAR((double)c[1], 2.0, 0.0);
  EXPECT_NEAR(dd.w, 0.0, 0.0);              /* the store moved dst->w's adjoint out */
  return adj_report();
}
