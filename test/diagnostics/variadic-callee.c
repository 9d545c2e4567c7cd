// The fix that variadic-function.c suggests, a wrapper with fixed
// parameters around a variadic function, differentiates a call to the
// variadic function with an active variadic argument. That call must be
// reported at its line (or differentiated), never become a tangent call
// that passes more arguments than the tangent takes: that is an internal
// error ("not valid IR") followed by a crash of the compiler.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: internal error
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

__attribute__((noinline)) static double sum(int n, ...) {
  __builtin_va_list ap;
  __builtin_va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++)
    s += __builtin_va_arg(ap, double);
  __builtin_va_end(ap);
  return s;
}

static double sum1(double x) {
  // CHECK: variadic-callee.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: {{.*}}'sum'{{.*}}(reached from sum1, for the request at {{.*}}variadic-callee.c:[[#@LINE+5]])
  return sum(1, x);
}

double dsum1(double x) {
  return __enzyme_fwddiff((void *)sum1, x, 1.0);
}
// CHECK: 1 error generated.
