// In reverse mode a float argument's derivative is returned (enzyme_out,
// or no marker); enzyme_dup needs a pointer whose shadow receives the
// adjoint. enzyme_dup on a double is reported, naming the argument.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double sq(double x) { return x * x; }
static double scaled(const double *p, double k) { return p[0] * k; }

double dup_double(double x, double dx) {
  // CHECK-DAG: reverse-dup-scalar.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'sq' is duplicated, which in reverse mode needs a pointer (with its shadow); mark a float argument enzyme_out to get its derivative
  return __enzyme_autodiff((void *)sq, enzyme_dup, x, dx);
}

double dup_second(double *p, double *dp, double k, double dk) {
  // CHECK-DAG: reverse-dup-scalar.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 2 of 'scaled' is duplicated, which in reverse mode needs a pointer (with its shadow); mark a float argument enzyme_out to get its derivative
  return __enzyme_autodiff((void *)scaled, enzyme_dup, p, dp, enzyme_dup, k, dk);
}

// The right ways.
double out_double(double x) { return __enzyme_autodiff((void *)sq, enzyme_out, x); }
double dup_pointer(double *p, double *dp, double k) {
  return __enzyme_autodiff((void *)scaled, enzyme_dup, p, dp, enzyme_out, k);
}
// CHECK: 2 errors generated.
