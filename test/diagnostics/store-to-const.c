// Storing an active value into memory passed enzyme_const would lose its
// derivative.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static void square(double *out, double x) {
  // CHECK: store-to-const.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: a value that carries a derivative is stored to memory without a shadow, so its derivative would be lost; pass that memory as enzyme_dup with a shadow (reached from square, for the request at {{.*}}.c:{{[0-9]+}})
  *out = x * x;
}

void dsquare(double *out, double x) {
  __enzyme_fwddiff((void *)square, enzyme_const, out, x, 1.0);
}
// CHECK: 1 error generated.
