// enzyme_dupv gives the shadows of a pointer parameter as one base pointer
// and a byte stride. For a parameter that is not a pointer (a double), a
// pointer shadow cannot be passed as its tangent: the request is refused at
// its line, with the fix, instead of becoming a call that passes a pointer
// where the tangent function takes a double (invalid IR that clang, which
// does not verify, compiled into a garbage derivative).
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
// The IR path, verified after the pass, has no broken call either:
// RUN: %clang -O2 -S -emit-llvm -I/work/main/include %s -o %t.ll
// RUN: not %opt-adjoint -passes=adjoint,verify -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: error: {{.*}}adjoint: enzyme_dupv applies to pointer parameters, but argument 1 of 'sq' has type double
// OPT-NOT: Call parameter type does not match function signature
#include <adjoint/enzyme.h>

static double sq(double x) { return x * x; }

double scalar_dupv(double x, double *dxs) {
  // CHECK: dupv-scalar-parameter.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_dupv applies to pointer parameters, but argument 1 of 'sq' has type double; pass its tangents after it with enzyme_dup instead
  return __enzyme_fwddiff((void *)sq, enzyme_dupv, sizeof(double), x, dxs);
}
// CHECK: 1 error generated.
