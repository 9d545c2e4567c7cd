// Misused split reverse mode: __enzyme_reverse without the adjoint of a
// float result or without the tape, __enzyme_augmentfwd declared to return
// something that cannot hold the tape, and caller-owned tape memory that is
// too small or not given. Each is reported at its
// call with what to pass instead; nothing crashes.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

double __enzyme_augmentfwd_d(void *, ...);
double __enzyme_reverse_d(void *, ...);

static double f(double *x, double a) { return x[0] * a; }
static void g(double *x) { x[0] *= x[0]; }

double no_seed(double *x, double *dx, void *t) {
  // CHECK-DAG: split-mode-misuse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: 'f' returns double: after its arguments, __enzyme_reverse takes the adjoint of that result (e.g. 1.0), then the tape from __enzyme_augmentfwd
  return __enzyme_reverse_d((void *)f, x, dx, 2.0, t);
}

void no_tape(double *x, double *dx) {
  // CHECK-DAG: split-mode-misuse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: __enzyme_reverse ends with the tape that __enzyme_augmentfwd returned for the same arguments (a pointer); it is missing
  __enzyme_reverse((void *)g, x, dx);
}

double bad_result(double *x, double *dx) {
  // CHECK-DAG: split-mode-misuse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: __enzyme_augmentfwd returns the tape: declare it to return void * (or a struct of the tape and 'f''s double result); it is declared to return double
  return __enzyme_augmentfwd_d((void *)f, x, dx, 2.0);
}
void small_tape(double *x, double *dx, char *buf) {
  // CHECK-DAG: split-mode-misuse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the caller's tape memory (enzyme_allocated, 4) is smaller than the 8 bytes __enzyme_augmentsize reports
  __enzyme_augmentfwd((void *)g, enzyme_allocated, 4, enzyme_tape, buf, x, dx);
}

void size_without_memory(double *x, double *dx) {
  // CHECK-DAG: split-mode-misuse.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: enzyme_allocated gives the size of the caller's tape memory; give the memory itself too, with enzyme_tape, p
  __enzyme_augmentfwd((void *)g, enzyme_allocated, 8, x, dx);
}
// CHECK: 5 errors generated.
