// The shadow after an enzyme_dupv primal is the base pointer of the lanes'
// shadows, so it must be a pointer.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x) { return x[0] * x[1]; }

double scalar_shadow(double *x, double dx) {
  // CHECK: dupv-non-pointer-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_dupv argument 1 needs a pointer to the first shadow, got double
  return __enzyme_fwddiff((void *)f, enzyme_dupv, sizeof(double), x, dx);
}
// CHECK: 1 error generated.
