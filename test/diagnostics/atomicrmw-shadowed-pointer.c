// An atomic read-modify-write on memory that has a shadow (here an atomic
// accumulation into a duplicated pointer) is not differentiated yet: it is
// reported at the atomic operation, not silently dropped.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static void accumulate(double *sum, double x) {
  // CHECK: atomicrmw-shadowed-pointer.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate the instruction 'atomicrmw': it is not supported yet (reached from accumulate, for the request at {{.*}}atomicrmw-shadowed-pointer.c:[[#@LINE+5]])
  __atomic_fetch_add(sum, x * x, __ATOMIC_RELAXED);
}

void daccumulate(double *sum, double *dsum, double x) {
  __enzyme_fwddiff((void *)accumulate, enzyme_dup, sum, dsum, x, 1.0);
}
// CHECK: 1 error generated.
