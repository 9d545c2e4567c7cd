// A call to an external function without a definition and without a
// derivative rule, on an active value, is reported at that call, naming the
// function and the chain of calls from the differentiated function.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

extern double mystery(double);

__attribute__((noinline)) static double g(double x) {
  // CHECK: undefined-callee.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate a call to 'mystery': it is not defined in this translation unit and has no derivative rule; {{.*}}(reached from f -> g, for the request at {{.*}}.c:{{[0-9]+}})
  return mystery(x) * 2.0;
}

__attribute__((noinline)) static double f(double x) { return g(x) + x; }

double df(double x) { return __enzyme_fwddiff((void *)f, x, 1.0); }

// Calls with only inactive arguments are fine: mystery(2.0) carries no
// derivative.
static double h(double x) { return x * mystery(2.0); }
double dh(double x) { return __enzyme_fwddiff((void *)h, x, 1.0); }
// CHECK: 1 error generated.
