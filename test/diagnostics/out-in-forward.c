// enzyme_out is a reverse-mode marker; forward mode takes enzyme_dup and a
// tangent instead.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

double df(double x, double y) {
  // CHECK: out-in-forward.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_out (argument 2) is a reverse-mode marker; in __enzyme_fwddiff pass the argument as enzyme_dup followed by its tangent
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, 1.0, enzyme_out, y);
}
// CHECK: 1 error generated.
