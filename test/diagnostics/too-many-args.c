// A request that passes more values than the function has parameters
// (and shadows).
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i] * x[i];
  return s;
}

double df(double *x, double *dx) {
  // One stray value after n.
  // CHECK: too-many-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too many arguments: 'f' takes 2 parameters, but the request passes 1 more value(s); check the markers
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_const, 3, 4);
}
// CHECK: 1 error generated.
