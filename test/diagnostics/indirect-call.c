// An indirect call on an active value that can reach no function of this translation unit.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

typedef double (*fn_t)(double);

__attribute__((noinline)) static double apply(fn_t p, double x) {
  // CHECK: indirect-call.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate this call through a function pointer (a virtual call or a callback): no function of its type has its address taken in this translation unit, so none it may reach is known (a class's virtual functions are emitted where its objects are constructed); construct the objects in this file, or define the functions it may call here (reached from apply, for the request at {{.*}}.c:{{[0-9]+}})
  return p(x * x);
}

double dapply(fn_t p, double x) {
  return __enzyme_fwddiff((void *)apply, enzyme_const, p, x, 1.0);
}
// CHECK: 1 error generated.
