// Reverse mode differentiates memcpy when it can tell what the bytes are
// (adding adjoints back needs the element type): from a local or global
// array on one side, or from how the function reads or writes either side.
// A copy between two pointer arguments that the function never reads
// otherwise has no visible type and is reported at the copy, with the
// function the request reached it from. A store of a value without a
// derivative to memory without a shadow (a call counter) is fine.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <string.h>

static void copy_only(double *dst, const double *src, int n) {
  // CHECK: reverse-memcpy.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode cannot tell what this copy moves: neither side is a local or global array, and the function reads or writes the memory on both sides as different types (or not at all); copy the elements in a loop (reached from copy_only, for the request at
  memcpy(dst, src, n * sizeof(double));
}

void grad_copy(double *d, double *dd, double *s, double *ds, int n) {
  __enzyme_autodiff((void *)copy_only, d, dd, s, ds, enzyme_const, n);
}

// Fine: the counter is neither shadowed nor active.
static int Calls;
static double counted(const double *x) {
  ++Calls;
  return x[0] * x[1];
}

void grad_counted(double *x, double *dx) { __enzyme_autodiff((void *)counted, x, dx); }
// CHECK: 1 error generated.
