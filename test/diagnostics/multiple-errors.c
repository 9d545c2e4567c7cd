// Every failing request in a file is reported, not only the first, and the
// requests that are fine do not stop the others from being checked. Errors
// in request syntax and in function bodies are mixed here.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

extern double mystery(double);

static double f(double x, double y) { return x * y; }
static double uses_mystery(double x) {
  // CHECK-DAG: multiple-errors.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate a call to 'mystery'{{.*}}(reached from uses_mystery, for the request at {{.*}}.c:{{[0-9]+}})
  return mystery(x);
}

double e1(double x) {
  // CHECK-DAG: multiple-errors.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too few arguments
  return __enzyme_fwddiff((void *)f, x, 1.0);
}

double ok1(double x, double y) { return __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0); }

double e2(double x, double y) {
  // CHECK-DAG: multiple-errors.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: too many arguments
  return __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0, 7.0);
}

// The error for this request is reported in uses_mystery, above.
double e3(double x) { return __enzyme_fwddiff((void *)uses_mystery, x, 1.0); }

double ok2(double x, double y) { return __enzyme_fwddiff((void *)f, enzyme_const, x, y, 1.0); }

double e4(double x, double y) {
  // CHECK-DAG: multiple-errors.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_out (argument 1) is a reverse-mode marker
  return __enzyme_fwddiff((void *)f, enzyme_out, x, y, 1.0);
}

double e5(double x) {
  // CHECK-DAG: multiple-errors.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return double but 'f' has 2 active (enzyme_out) argument(s)
  return __enzyme_autodiff((void *)f, x, x);
}
// CHECK: 5 errors generated.
