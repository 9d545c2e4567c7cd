// A batch width of 0 (or more than 64) is rejected.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x) { return x * x; }

double zero(double x) {
  // CHECK-DAG: width-zero.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the batch width after enzyme_width must be a compile-time constant between 1 and 64
  return __enzyme_fwddiff((void *)f, enzyme_width, 0, x);
}

double too_wide(double x) {
  // CHECK-DAG: width-zero.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the batch width after enzyme_width must be a compile-time constant between 1 and 64
  return __enzyme_fwddiff((void *)f, enzyme_width, 65, x, 1.0);
}
// CHECK: 2 errors generated.
