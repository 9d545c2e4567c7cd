// An indirect call on an active value that may throw (an invoke, here
// because a local with a destructor is live across it) is reported at the
// call, with the fix.
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// Without exceptions the same call is an ordinary call and is served.
// RUN: %adjoint-cxx -O2 -fno-exceptions -c %s -o %t.noexc.o
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

void release();
struct Guard {
  ~Guard() { release(); }
};

typedef double (*fn_t)(double);

static double sq(double x) { return x * x; }
fn_t chosen = sq; // an address-taken candidate of the call's type

__attribute__((noinline)) static double apply(fn_t p, double x) {
  Guard g;
  // CHECK: indirect-invoke.cpp:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate an indirect call that may throw (invoke) yet; make the callee noexcept or compile with -fno-exceptions (reached from {{.*}}apply{{.*}}, for the request at {{.*}}indirect-invoke.cpp:[[#@LINE+5]])
  return p(x);
}

double dapply(fn_t p, double x) {
  return __enzyme_fwddiff((void *)apply, enzyme_const, p, x, 1.0);
}

// Through a noexcept function pointer the call is an ordinary call and is served.
typedef double (*nfn_t)(double) noexcept;
static double cube(double x) noexcept { return x * x * x; }
nfn_t chosen_noexcept = cube;

__attribute__((noinline)) static double apply_noexcept(nfn_t p, double x) {
  Guard g;
  return p(x);
}

double dapply_noexcept(nfn_t p, double x) {
  return __enzyme_fwddiff((void *)apply_noexcept, enzyme_const, p, x, 1.0);
}
// CHECK: 1 error generated.
