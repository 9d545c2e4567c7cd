// The batch width after enzyme_width must be a compile-time constant.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x) { return x * x; }

typedef struct { double d[2]; } pair;
pair __enzyme_fwddiff_pair(void *, ...);

pair df(double x, int n) {
  // CHECK-DAG: width-not-constant.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the batch width after enzyme_width must be a compile-time constant between 1 and 64; write a literal such as `enzyme_width, 4`
  return __enzyme_fwddiff_pair((void *)f, enzyme_width, n, x, 1.0, 2.0);
}

pair nothing_after(double x) {
  // CHECK-DAG: width-not-constant.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_width must be followed by the batch width, a constant such as 4
  return __enzyme_fwddiff_pair((void *)f, enzyme_width);
}
// CHECK: 2 errors generated.
