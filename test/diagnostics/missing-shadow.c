// A duplicated pointer argument must be followed by its shadow.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i] * x[i];
  return s;
}

static double g(double *x) { return x[0] * x[1]; }

double marker_follows(double *x) {
  // CHECK-DAG: missing-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' needs a shadow after its primal, but a marker follows; pass the shadow, or mark the argument enzyme_const
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, enzyme_const, 3);
}

double request_ends(double *x) {
  // CHECK-DAG: missing-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'g' is duplicated (enzyme_dup) but its shadow is missing: pass the shadow right after the primal value, or mark it enzyme_const
  return __enzyme_fwddiff((void *)g, enzyme_dup, x);
}

double by_default(double *x) {
  // Pointers are duplicated by default, without a marker.
  // CHECK-DAG: missing-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'g' is duplicated (by default) but its shadow is missing
  return __enzyme_fwddiff((void *)g, x);
}

double batch(double *x, double *dx0) {
  // Width 2 needs two shadows; only one is given.
  // CHECK-DAG: missing-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'g' is duplicated (enzyme_dup) but its shadow is missing: pass 2 shadows (one per batch lane) right after the primal value
  return __enzyme_fwddiff((void *)g, enzyme_width, 2, enzyme_dup, x, dx0);
}
// CHECK: 4 errors generated.
