// A request that ends before every parameter of the function is passed.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

double df_dx(double x, double y) {
  // y (and its tangent) are missing.
  // CHECK-DAG: too-few-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too few arguments: 'f' takes 2 parameters but the request ends before argument 2; pass every parameter
  return __enzyme_fwddiff((void *)f, x, 1.0);
}

double df_marker_last(double x) {
  // A trailing marker with nothing after it.
  // CHECK-DAG: too-few-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too few arguments: 'f' takes 2 parameters but the request ends before argument 2
  return __enzyme_fwddiff((void *)f, x, 1.0, enzyme_const);
}
// A request in a helper that -O2 inlines is still reported at its own line.
static inline double helper(double x) {
  // CHECK-DAG: too-few-args.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too few arguments: 'f' takes 2 parameters
  return __enzyme_fwddiff((void *)f, x, 1.0);
}
double caller(double x) { return helper(x) + 1.0; }
// CHECK: 3 errors generated.
