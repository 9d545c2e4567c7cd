// Reverse mode accumulates derivatives into every shadow, so even the
// shadow of a pointer-to-const parameter must be writable (in forward mode
// it may be const, see shadow-const.c). The clang plugin checks this before
// reverse mode is reported as not supported yet.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double sum2(const double *in) { return in[0] + in[1]; }

double grad_sum2(const double *in, const double *din) {
  // CHECK: shadow-const-reverse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the shadow of argument 1 of 'sum2' points to const memory ('const double *'), but Adjoint accumulates derivatives into it; pass a writable shadow
  return __enzyme_autodiff((void *)sum2, in, din);
}
// CHECK: 1 error generated.
