// Reverse mode seeds the adjoint of a scalar float result (or of none).
// A function returning a struct of two doubles (returned in two registers,
// { double, double } in the IR) is reported at the request, with what to
// do instead; a void function writing its result through a pointer, or a
// scalar result, is the supported form.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

typedef struct {
  double a, b;
} Pair;

static Pair both(double x) {
  Pair p = {x * x, 3.0 * x};
  return p;
}

double grad_pair(double x) {
  // CHECK: reverse-struct-result.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: 'both' returns a struct or vector ({ double, double }); reverse mode seeds a scalar float result (or none) in this version: return one float, or write results through a pointer
  return __enzyme_autodiff((void *)both, x);
}

// Fine: one component as a scalar.
static double first(double x) { return both(x).a; }
double grad_first(double x) { return __enzyme_autodiff((void *)first, x); }
// CHECK: 1 error generated.
