// A pointer chosen between memory with a shadow and memory passed
// enzyme_const may point to memory without a shadow: reported at the
// choice (a select at -O2, a phi at -O0), with the fix.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double *x, double *y, int c) {
  // CHECK: conditional-pointer-without-shadow.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: a pointer here may point to memory without a shadow{{( \('[^']*'\))?}} (such as a choice between a duplicated and an enzyme_const array); pass that memory with enzyme_dup and a shadow (zeroed, if it holds no derivative) (reached from f, for the request at {{.*}}conditional-pointer-without-shadow.c:[[#@LINE+6]])
  double *p = c ? x : y;
  return p[0] * p[0];
}

double df(double *x, double *dx, double *y, int c) {
  return __enzyme_fwddiff((void *)f, x, dx, enzyme_const, y, enzyme_const, c);
}

// Both with shadows: fine.
double df_both(double *x, double *dx, double *y, double *dy, int c) {
  return __enzyme_fwddiff((void *)f, x, dx, y, dy, enzyme_const, c);
}
// CHECK: 1 error generated.
