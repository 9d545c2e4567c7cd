// The declared return type of a reverse-mode request must hold the
// adjoints of the active (enzyme_out) arguments: one value, or a struct of
// them in order. A mismatch in their number is reported at the request,
// with the count.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff_d2(void *, ...);

static double mul(double x, double y) { return x * y; }
static double norm2(const double *v) { return v[0] * v[0] + v[1] * v[1]; }

double two_into_one(double x, double y) {
  // CHECK-DAG: reverse-result-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return double but 'mul' has 2 active (enzyme_out) argument(s); declare the entry point to return their derivatives (one value, or a struct of them in order)
  return __enzyme_autodiff((void *)mul, x, y);
}

D2 one_into_two(double x, double y) {
  // CHECK-DAG: reverse-result-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return { double, double } but 'mul' has 1 active (enzyme_out) argument(s); declare the entry point to return their derivatives (one value, or a struct of them in order)
  return __enzyme_autodiff_d2((void *)mul, x, enzyme_const, y);
}

double none_used(double *v, double *dv) {
  // Only a duplicated pointer: the derivatives are in dv, there is no result.
  // CHECK-DAG: reverse-result-type-mismatch.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the request is declared to return double but 'norm2' has 0 active (enzyme_out) argument(s); declare the entry point to return their derivatives (one value, or a struct of them in order)
  return __enzyme_autodiff((void *)norm2, v, dv);
}

// The right ways: a struct for two, a double for one, no use for none.
D2 two(double x, double y) { return __enzyme_autodiff_d2((void *)mul, x, y); }
double one(double x, double y) { return __enzyme_autodiff((void *)mul, x, enzyme_const, y); }
void none(double *v, double *dv) { __enzyme_autodiff((void *)norm2, v, dv); }
// An unused result of any type is fine: see reverse-unused-struct-result.c.
void unused(double x, double y) { (void)__enzyme_autodiff((void *)mul, x, y); }
// CHECK: 3 errors generated.
