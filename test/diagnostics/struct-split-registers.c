// A 9-16 byte struct passed by value is split over two registers by the x86-64 ABI; the IR no
// longer shows which request arguments belong together, so the request is refused (with the
// fix) instead of pairing a primal with the wrong shadow.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
#include <adjoint/enzyme.h>
#include <math.h>

typedef struct {
  double x, y;
} P2;

static double dist(P2 p) { return sqrt(p.x * p.x + p.y * p.y); }

double ddist(P2 p, P2 dp) {
  // CHECK: struct-split-registers.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'dist' is a struct passed by value ('P2'), which the C ABI splits over two registers; a request cannot pair its parts with their shadows yet: pass it by pointer (with its shadow after it)
  return __enzyme_fwddiff((void *)dist, p, dp);
}
// CHECK: 1 error generated.
