// enzyme_out returns the derivative of a float; on a pointer or an integer it
// is an error that says what to mark the argument instead.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
#include <adjoint/enzyme.h>

static double f(double *x, int n) { return *x * n; }

double on_pointer(double *x) {
  // CHECK-DAG: out-not-float.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' is marked enzyme_out (Rust: Active), which returns the derivative of a float value, but it has type ptr; a pointer or reference gets its derivative in a shadow: mark it enzyme_dup
  return __enzyme_autodiff((void *)f, enzyme_out, x, enzyme_const, 3);
}

double on_integer(double *x, double *dx) {
  // CHECK-DAG: out-not-float.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 2 of 'f' is marked enzyme_out (Rust: Active), which returns the derivative of a float value, but it has type i32; an integer carries no derivative: mark it enzyme_const
  return __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_out, 3);
}
