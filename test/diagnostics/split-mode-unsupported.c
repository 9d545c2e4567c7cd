// Split reverse mode (__enzyme_augmentfwd / __enzyme_reverse) is not
// implemented yet: a request says so instead of leaving an undefined
// reference for the linker, while a combined request in the same file works.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

void *__enzyme_augmentfwd(void *, ...);

static double f(double x) { return x * x; }

double grad(double x) { return __enzyme_autodiff((void *)f, enzyme_out, x); }

void *tape(double x) {
  // CHECK-DAG: split-mode-unsupported.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: '__enzyme_augmentfwd' is not supported yet: this version of Adjoint implements __enzyme_fwddiff and __enzyme_autodiff
  return __enzyme_augmentfwd((void *)f, enzyme_out, x);
}
// CHECK: 1 error generated.
