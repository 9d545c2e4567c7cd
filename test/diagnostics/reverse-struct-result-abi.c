// The other ways the x86-64 C ABI returns a small struct must get the same
// diagnostic as a struct of two doubles (reverse-struct-result.c), in the
// user's terms:
//  - three doubles are returned in memory: the IR function returns void and
//    takes the result slot as a hidden first argument (sret). The error
//    must be about the struct result, not claim that the user's "argument
//    1" is duplicated and needs a pointer: the user passed one double.
//  - two floats are packed into one register (<2 x float> in the IR): the
//    message must not describe the user's struct as a vector.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error: \
// RUN:   --implicit-check-not='is duplicated' --implicit-check-not='<2 x float>'
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error: \
// RUN:   --implicit-check-not='is duplicated' --implicit-check-not='<2 x float>'
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

typedef struct {
  double a, b, c;
} Triple;

static Triple powers(double x) {
  Triple t = {x, x * x, x * x * x};
  return t;
}

double grad_triple(double x) {
  // CHECK-DAG: reverse-struct-result-abi.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: 'powers' returns {{.*}}; reverse mode seeds a scalar float result (or none) in this version
  return __enzyme_autodiff((void *)powers, x);
}

typedef struct {
  float a, b;
} F2;

static F2 fpair(float x) {
  F2 p = {x * x, 3.0f * x};
  return p;
}

double grad_fpair(float x) {
  // CHECK-DAG: reverse-struct-result-abi.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: 'fpair' returns {{.*}}; reverse mode seeds a scalar float result (or none) in this version
  return __enzyme_autodiff((void *)fpair, x);
}
// CHECK: 2 errors generated.
