// enzyme_dupv takes the byte stride between the shadows first, then the
// primal, then the base pointer of the shadows.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x) { return x[0] * x[1]; }

double no_stride(double *x, double *dx) {
  // The primal stands where the stride belongs.
  // CHECK-DAG: dupv-missing-stride.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_dupv must be followed by the byte stride between shadows, then the primal, then the first shadow{{$}}
  return __enzyme_fwddiff((void *)f, enzyme_width, 2, enzyme_dupv, x, dx);
}

double nothing_after(void) {
  // CHECK-DAG: dupv-missing-stride.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_dupv must be followed by the byte stride between shadows
  return __enzyme_fwddiff((void *)f, enzyme_dupv);
}

// With the stride it is fine.
typedef struct { double d[2]; } pair;
pair __enzyme_fwddiff_pair(void *, ...);
pair ok(double *x, double *dx) {
  return __enzyme_fwddiff_pair((void *)f, enzyme_width, 2, enzyme_dupv, 2 * sizeof(double), x, dx);
}
// CHECK: 2 errors generated.
