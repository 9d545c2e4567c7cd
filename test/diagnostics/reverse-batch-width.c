// Batch reverse mode (enzyme_width) is not implemented yet: the request is
// reported instead of differentiated with the wrong width, and the same
// function still differentiates in batch forward mode and in reverse mode
// without a width.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double sq(double x) { return x * x; }
static double dot2(const double *v) { return v[0] * v[0] + v[1] * v[1]; }

double batch_out(double x) {
  // CHECK-DAG: reverse-batch-width.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: batch reverse mode (enzyme_width) is not supported yet
  return __enzyme_autodiff((void *)sq, enzyme_width, 2, x);
}

void batch_dup(double *v, double *dv0, double *dv1) {
  // CHECK-DAG: reverse-batch-width.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: batch reverse mode (enzyme_width) is not supported yet
  __enzyme_autodiff((void *)dot2, enzyme_width, 2, enzyme_dup, v, dv0, dv1);
}

typedef struct { double a, b; } D2;
D2 __enzyme_fwddiff_d2(void *, ...);
D2 fwd_batch(double x) { return __enzyme_fwddiff_d2((void *)sq, enzyme_width, 2, x, 1.0, 2.0); }
double rev(double x) { return __enzyme_autodiff((void *)sq, x); }
// CHECK: 2 errors generated.
