// Storing a pointer that has a shadow into memory passed enzyme_const loses
// the shadow: code that reads the pointer back finds no derivative, and the
// derivative would silently be zero. It must be an error, like storing an
// active double there (store-to-const.c).
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

struct holder {
  double *p;
};

__attribute__((noinline)) static void keep(struct holder *h, double *x) {
  // CHECK: store-pointer-to-const.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: {{.*}}without a shadow{{.*}}(reached from f -> keep, for the request at {{.*}}.c:{{[0-9]+}})
  h->p = x;
}

__attribute__((noinline)) static double use(struct holder *h) { return h->p[0] * h->p[0]; }

static double f(double *x, struct holder *h) {
  keep(h, x);
  return use(h);
}

double df(double *x, double *dx, struct holder *h) {
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_const, h);
}
// CHECK: 1 error generated.
