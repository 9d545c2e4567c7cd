// A struct holding a pointer, copied into the heap and handed to a recursive call (kept as a
// call in reverse mode) that reads the pointer (a tiled product recursing on sub-blocks
// described by a struct, issue 10). The caller itself reads only the struct's integers; the
// copy's layout comes from the struct its members are accessed through, so the pointer's
// shadow is copied along and the reverse pass never dereferences a missing shadow. Checked
// against finite differences.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
  double *p;
  int ld, r, c;
} Blk;

static void scale(const Blk *a, Blk *out, int n) {
  if (n <= 1) {
    out->p[out->r * out->ld + out->c] += 2 * a->p[a->r * a->ld + a->c] * a->p[a->r * a->ld + a->c];
    return;
  }
  for (int b = 0; b < 2; ++b) {
    Blk *sub = (Blk *)malloc(sizeof(Blk));
    memcpy(sub, a, sizeof(Blk));
    sub->r += b * (n / 2);
    Blk *o = (Blk *)malloc(sizeof(Blk));
    memcpy(o, out, sizeof(Blk));
    o->r += b * (n / 2);
    scale(sub, o, n / 2);
    free(o);
    free(sub);
  }
}

static double f(double *x, double *y) {
  Blk a = {x, 1, 0, 0}, o = {y, 1, 0, 0};
  scale(&a, &o, 4);
  return y[0] + 0.5 * y[1] + y[2] + 2 * y[3];
}

int main(void) {
  double x[4] = {0.5, -1.0, 1.5, 2.0}, dx[4] = {0}, y[4] = {0}, dy[4] = {0};
  __enzyme_autodiff((void *)f, x, dx, y, dy);
  const double weight[4] = {1, 0.5, 1, 2};
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(dx[k], 4 * x[k] * weight[k], 1e-12);
  return adj_report();
}
