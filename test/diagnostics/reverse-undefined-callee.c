// In reverse mode, a call to an external function without a definition
// and without a derivative rule, on an active value, is reported at that
// call, naming the function; once per callee, though mystery is called
// three times (twice through g, which reverse mode inlines, and once in f).
// Calls whose arguments are all inactive are fine.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

extern double mystery(double);

__attribute__((noinline)) static double g(double x) {
  // CHECK: reverse-undefined-callee.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate a call to 'mystery': it is not defined in this translation unit and has no derivative rule (reached from f{{.*}}, for the request at {{.*}}reverse-undefined-callee.c:[[@LINE+6]])
  return mystery(x) * 2.0;
}

__attribute__((noinline)) static double f(double x) { return g(x) + g(x * x) + mystery(x); }

double df(double x) { return __enzyme_autodiff((void *)f, x); }

// mystery(2.0) carries no derivative.
static double h(double x) { return x * mystery(2.0); }
double dh(double x) { return __enzyme_autodiff((void *)h, x); }
// CHECK: 1 error generated.
