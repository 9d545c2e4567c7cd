// Two markers in a row: the second stands where the first one's argument
// belongs.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x, double y) { return x[0] * y; }

double two_markers(double *x, double *dx, double y) {
  // CHECK: marker-as-value.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: a marker (enzyme_dup) stands where the value of argument 1 of 'f' was expected; give each argument at most one marker
  return __enzyme_fwddiff((void *)f, enzyme_const, enzyme_dup, x, dx, y, 1.0);
}
// CHECK: 1 error generated.
