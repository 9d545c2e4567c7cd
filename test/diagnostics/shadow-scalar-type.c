// The tangent of a double must be a double: an integer literal (1 instead
// of 1.0) reaches the request as an int. (C promotes a float tangent to
// double through `...`, so 1.0f is fine.)
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x, double y) { return x[0] * y; }

double int_tangent(double *x, double *dx, double y) {
  // CHECK: shadow-scalar-type.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: shadow of argument 2 of 'f' has type i32 but its primal has type double; pass a shadow of the same type as the primal
  return __enzyme_fwddiff((void *)f, x, dx, y, 1);
}

double float_tangent(double *x, double *dx, double y) {
  return __enzyme_fwddiff((void *)f, x, dx, y, 1.0f);
}
// CHECK: 1 error generated.
