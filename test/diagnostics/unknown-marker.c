// A marker Adjoint does not know is an error, not silently a value.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

extern int enzyme_bogus;

static double f(double x, double y) { return x * y; }

double df(double x, double y) {
  // CHECK: unknown-marker.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: unknown or unsupported marker 'enzyme_bogus' before argument 2
  return __enzyme_fwddiff((void *)f, x, 1.0, enzyme_bogus, y, 0.0);
}
// CHECK: 1 error generated.
