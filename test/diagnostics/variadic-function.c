// A variadic function cannot be differentiated: its variable arguments
// have no parameters to pair with shadows.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double sum(int n, ...) {
  __builtin_va_list ap;
  __builtin_va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++)
    s += __builtin_va_arg(ap, double);
  __builtin_va_end(ap);
  return s;
}

double dsum(double x) {
  // CHECK: variadic-function.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate variadic function 'sum'; wrap it in a function with fixed parameters
  return __enzyme_fwddiff((void *)sum, 1, x, 1.0);
}

// A call to it from a function with fixed parameters: see variadic-callee.c.
// CHECK: 1 error generated.
