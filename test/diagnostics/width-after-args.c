// enzyme_width must come before the function's arguments, and only once.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

double after(double x, double y) {
  // CHECK-DAG: width-after-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_width must come before the function's arguments: write `__enzyme_fwddiff(f, enzyme_width, N, ...)`
  return __enzyme_fwddiff((void *)f, x, 1.0, enzyme_width, 1, y, 0.0);
}

double twice(double x, double y) {
  // CHECK-DAG: width-after-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_width is given twice; give it once, before the arguments
  return __enzyme_fwddiff((void *)f, enzyme_width, 1, enzyme_width, 1, x, 1.0, y, 0.0);
}
// CHECK: 2 errors generated.
