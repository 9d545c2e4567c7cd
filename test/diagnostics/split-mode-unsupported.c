// __enzyme_fwdsplit (forward mode split in two) is not implemented yet: a
// request says so instead of leaving an undefined reference for the
// linker, while the other requests in the file work.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

double __enzyme_fwdsplit(void *, ...);

static double f(double x) { return x * x; }

double grad(double x) { return __enzyme_autodiff((void *)f, enzyme_out, x); }
void *tape(double x) { return __enzyme_augmentfwd((void *)f, enzyme_out, x); }

int size(void) { return __enzyme_augmentsize((void *)f, enzyme_out); }

double fwd_split(double x) {
  // CHECK-DAG: split-mode-unsupported.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: '__enzyme_fwdsplit' is not supported yet: without it the program would be wrong, so it is an error; this version of Adjoint implements __enzyme_fwddiff, __enzyme_autodiff, __enzyme_augmentfwd, __enzyme_reverse, __enzyme_augmentsize, __enzyme_batch and __enzyme_virtualreverse
  return __enzyme_fwdsplit((void *)f, x, 1.0);
}
// CHECK: 1 error generated.
