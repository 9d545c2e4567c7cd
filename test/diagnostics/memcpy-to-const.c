// Copying memory that holds derivatives into memory passed enzyme_const
// (no shadow) would lose the derivatives: reported at the copy.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <string.h>

static double f(double *x, double *save, int n) {
  // CHECK: memcpy-to-const.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: memory with derivatives is copied into memory without a shadow, so the derivatives would be lost; pass the destination as enzyme_dup with a shadow (reached from f, for the request at {{.*}}memcpy-to-const.c:[[#@LINE+14]])
  memcpy(save, x, n * sizeof(double));
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i] * x[i];
  return s;
}

// Copying from memory without derivatives (a constant table) into a
// shadowed buffer is fine: the shadow is zeroed.
static const double table[4] = {1, 2, 3, 4};
static double g(double *x) { memcpy(x, table, sizeof table); return x[0] * x[3]; }

double df(double *x, double *dx, double *save, int n) {
  return __enzyme_fwddiff((void *)f, x, dx, enzyme_const, save, enzyme_const, n);
}
double dg(double *x, double *dx) { return __enzyme_fwddiff((void *)g, x, dx); }
// CHECK: 1 error generated.
