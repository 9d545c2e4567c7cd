// The declared return type of the request must hold the derivative.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

int __enzyme_fwddiff_i(void *, ...);

static double sq(double x) { return x * x; }

int as_int(double x) {
  // CHECK-DAG: result-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return i32 but the derivative of 'sq' is double; declare the entry point to return that type
  return __enzyme_fwddiff_i((void *)sq, x, 1.0);
}

double batch_as_scalar(double x) {
  // Width 2 gives two tangents; a double holds one.
  // CHECK-DAG: result-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return double but the derivative of 'sq' is 2 values of type double; declare the entry point to return that type (in batch mode, a struct or array of N of them)
  return __enzyme_fwddiff((void *)sq, enzyme_width, 2, x, 1.0, 2.0);
}

// An unused result of any type is fine.
void unused(double x) { __enzyme_fwddiff_i((void *)sq, x, 1.0); }
// CHECK: 2 errors generated.
