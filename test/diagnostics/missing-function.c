// A request without the function to differentiate (possible with a
// prototype of one's own) says what is missing.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

double __enzyme_fwddiff_none(void);

double no_function(void) {
  // CHECK-DAG: missing-function.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: __enzyme_fwddiff needs the function to differentiate as its first argument{{$}}
  return __enzyme_fwddiff_none();
}

// A struct of three doubles is returned through a hidden pointer (sret):
// that pointer is not the function.
typedef struct { double a, b, c; } triple;
triple __enzyme_fwddiff_triple(void);

triple no_function_sret(void) {
  // CHECK-DAG: missing-function.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: __enzyme_fwddiff needs the function to differentiate as its first argument{{$}}
  return __enzyme_fwddiff_triple();
}
// CHECK: 2 errors generated.
