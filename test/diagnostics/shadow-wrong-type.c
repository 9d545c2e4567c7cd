// A shadow must have the C type of its primal: a float* shadow for a
// double* primal has the same IR type (ptr), so the drivers check the
// source types (AdjointFrontend.so); the error points at the shadow.
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

double float_shadow(double *x, float *dx) {
  // CHECK-DAG: shadow-wrong-type.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the shadow of argument 1 of 'f' points to 'float' but its primal points to 'double'; the shadow must have the same type as the primal ('double *')
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_const, 3);
}

double scalar_shadow(double *x) {
  // A scalar where the shadow of a pointer belongs.
  // CHECK-DAG: shadow-wrong-type.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the shadow of argument 1 of 'f' has type 'double' but its primal has type 'double *'; pass a shadow of the primal's type
  return __enzyme_fwddiff((void *)f, x, 1.0, 3);
}

double float_primal(float *x, float *dx) {
  // The primal itself does not match the parameter.
  // CHECK-DAG: shadow-wrong-type.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' has type 'float *' but the parameter has type 'double *'; pass a pointer to 'double'
  return __enzyme_fwddiff((void *)f, x, dx, 3);
}

typedef struct { double v[4]; } vec4;
static double g(vec4 *a) { return a->v[0] * a->v[3]; }

double struct_shadow(vec4 *a, double *da) {
  // CHECK-DAG: shadow-wrong-type.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the shadow of argument 1 of 'g' points to 'double' but its primal points to 'vec4'
  return __enzyme_fwddiff((void *)g, a, da);
}
// CHECK: 4 errors generated.
