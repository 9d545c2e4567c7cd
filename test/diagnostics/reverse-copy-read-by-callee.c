// A struct copied into the heap and handed to a recursive call (kept as a
// call in reverse mode) is read there as a pointer the caller never reads:
// the caller's own accesses (integers only) once made the copy look like
// integers, so the pointer's shadow was not copied, and the generated
// reverse function dereferenced null (issue 10: a tiled matrix product
// recursing on sub-blocks described by a struct). Memory that a call may
// access has no layout the caller can see: the copy is reported.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  double *p;
  int ld, r, c;
} Blk;

static void scale(const Blk *a, Blk *out, int n) {
  if (n <= 1) {
    out->p[out->r * out->ld + out->c] += 2 * a->p[a->r * a->ld + a->c];
    return;
  }
  for (int b = 0; b < 2; ++b) {
    Blk *sub = (Blk *)malloc(sizeof(Blk));
    // CHECK: reverse-copy-read-by-callee.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode cannot tell what this copy moves{{.*}}(reached from f -> scale, for the request at {{.*}}reverse-copy-read-by-callee.c:[[#@LINE+15]])
    memcpy(sub, a, sizeof(Blk));
    sub->r += b * (n / 2);
    scale(sub, out, n / 2);
    free(sub);
  }
}

static double f(double *x, double *y) {
  Blk a = {x, 1, 0, 0}, o = {y, 1, 0, 0};
  scale(&a, &o, 4);
  return y[0] + y[2];
}

void df(double *x, double *dx, double *y, double *dy) {
  __enzyme_autodiff((void *)f, x, dx, y, dy);
}
