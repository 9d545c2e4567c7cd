// Reverse mode differentiates memcpy when one side is a local or global whose
// type gives the element type (adding adjoints back needs it); a copy between
// two pointer arguments has no visible type and is reported at the copy,
// with the function the request reached it from. A store of a value without
// a derivative to memory without a shadow (a call counter) is fine.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <string.h>

static double copy_first(double *dst, const double *src, int n) {
  // CHECK: reverse-memcpy.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode differentiates memcpy only between memory whose element type it can see (a local or global array of floats); this copy's bytes have no known type, or it is a memmove (reached from copy_first, for the request at
  memcpy(dst, src, n * sizeof(double));
  return dst[0];
}

double grad_copy(double *d, double *dd, double *s, double *ds, int n) {
  return __enzyme_autodiff((void *)copy_first, d, dd, s, ds, enzyme_const, n);
}

// Fine: the counter is neither shadowed nor active.
static int Calls;
static double counted(const double *x) {
  ++Calls;
  return x[0] * x[1];
}

void grad_counted(double *x, double *dx) { __enzyme_autodiff((void *)counted, x, dx); }
// CHECK: 1 error generated.
