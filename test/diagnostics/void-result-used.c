// A function that returns void has no tangent result to return.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static void square(double *out, double x) { *out = x * x; }

double dsquare(double *out, double *dout, double x) {
  // CHECK: void-result-used.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: 'square' returns void, which carries no derivative, but the result of this request is used; read the derivatives from the output shadows instead
  return __enzyme_fwddiff((void *)square, out, dout, x, 1.0);
}

// Not using the result is the right way.
void dsquare_ok(double *out, double *dout, double x) {
  __enzyme_fwddiff((void *)square, out, dout, x, 1.0);
}
// CHECK: 1 error generated.
