// Inline assembly that reads a value carrying a derivative cannot be
// differentiated: the error points at the asm statement.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double opaque(double x) {
  double y;
  // CHECK: inline-asm-active.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate inline assembly that reads a derivative (reached from opaque, for the request at {{.*}}inline-asm-active.c:[[#@LINE+12]])
  __asm__("movapd %1, %0" : "=x"(y) : "x"(x * x));
  return y;
}

// Assembly on inactive values only is fine.
static double scaled(double x) {
  int k;
  __asm__("movl $3, %0" : "=r"(k));
  return x * k;
}

double dopaque(double x) { return __enzyme_fwddiff((void *)opaque, x, 1.0); }
double dscaled(double x) { return __enzyme_fwddiff((void *)scaled, x, 1.0); }
// CHECK: 1 error generated.
