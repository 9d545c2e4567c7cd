// A primal whose type does not match its parameter (and that the C
// types cannot catch: the parameter is not a pointer) is found on the IR.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

double int_for_double(double y) {
  // An int literal where a double belongs.
  // CHECK-DAG: argument-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' has type i32 but the parameter has type double; check the order of the arguments and their shadows
  return __enzyme_fwddiff((void *)f, enzyme_const, 2, y, 1.0);
}

double pointer_for_double(double *x, double y) {
  // CHECK-DAG: argument-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' has type ptr but the parameter has type double; check the order of the arguments and their shadows
  return __enzyme_fwddiff((void *)f, enzyme_const, x, y, 1.0);
}

// A float primal for a double parameter is fine (C promotes it anyway).
double float_for_double(float x, double y) {
  return __enzyme_fwddiff((void *)f, enzyme_const, x, y, 1.0);
}
// CHECK: 2 errors generated.
