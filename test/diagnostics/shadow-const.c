// Forward mode writes the tangent of what the function writes through a
// pointer into its shadow: a shadow that points to const memory is only
// accepted for a parameter that is itself a pointer to const.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static void square(double *out, double x) { *out = x * x; }
static double sum2(const double *in) { return in[0] + in[1]; }

void dsquare(double *out, const double *dout, double x) {
  // CHECK: shadow-const.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the shadow of argument 1 of 'square' points to const memory ('const double *'), but Adjoint writes the tangent of what 'square' writes there; pass a writable shadow
  __enzyme_fwddiff((void *)square, out, dout, x, 1.0);
}

// An input-only parameter (const double *) may take a const shadow.
double dsum2(const double *in, const double *din) {
  return __enzyme_fwddiff((void *)sum2, in, din);
}
// CHECK: 1 error generated.
