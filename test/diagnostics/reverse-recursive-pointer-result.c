// A recursive function (so reverse mode keeps its calls as calls) that
// returns a pointer into memory with derivatives: the caller would need the
// shadow of the returned pointer, which the split functions do not return
// yet. Reported at the call, with the function named as the user wrote it.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

// Two recursive calls per level: it stays a recursion at -O2.
static double *largest(double *p, int n) {
  if (n <= 1)
    return p;
  double *a = largest(p, n / 2), *b = largest(p + n / 2, n - n / 2);
  return *a > *b ? a : b;
}

// CHECK: reverse-recursive-pointer-result.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode cannot yet differentiate a call that returns a pointer into memory with derivatives ('largest' is kept as a call because it is recursive) (reached from top, for the request at {{.*}}reverse-recursive-pointer-result.c:[[@LINE+2]])
static double top(double *x) { return *largest(x, 8) * 2.0; }
double d_top(double *x, double *dx) { return __enzyme_autodiff((void *)top, x, dx); }
