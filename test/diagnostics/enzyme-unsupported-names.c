// Every part of Enzyme's interface that Adjoint does not implement yet is an
// error at its use, never ignored and never left to the linker: entry
// points (sparse, error estimates, split forward),
// tables (split-mode rules) and markers (no-free tapes, vector
// arguments outside __enzyme_batch, no return). Type hints are understood: they
// change nothing. C++ templates of unsupported entry points are named too.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: Stack dump
// NOCRASH-NOT: '__enzyme_double'
#include <adjoint/enzyme.h>

extern int enzyme_nofree, enzyme_vector, enzyme_noret;
double __enzyme_todense(void *, ...);
double __enzyme_error_estimate(void *, ...);
void __enzyme_double(void *, long);

static double f(double x) { return x * x; }
static double g(double *p) {
  __enzyme_double(p, sizeof(double)); /* a hint: accepted */
  return *p * *p;
}

double t(double x) { return __enzyme_todense((void *)f, x); }
// CHECK-DAG: error: adjoint: '__enzyme_todense' is not supported yet
double e(double x) { return __enzyme_error_estimate((void *)f, x); }
// CHECK-DAG: error: adjoint: '__enzyme_error_estimate' is not supported yet

double m1(double x) { return __enzyme_autodiff((void *)f, enzyme_nofree, x); }
// CHECK-DAG: error: adjoint: unknown or unsupported marker 'enzyme_nofree'
double m3(double x) { return __enzyme_fwddiff((void *)f, enzyme_vector, x, 1.0); }
// CHECK-DAG: error: adjoint: unknown or unsupported marker 'enzyme_vector'
double m4(double x) { return __enzyme_autodiff((void *)f, enzyme_noret, x); }
// CHECK-DAG: error: adjoint: unknown or unsupported marker 'enzyme_noret'

void *__enzyme_register_splitderivative_f[3] = {(void *)f, (void *)f, (void *)f};
// CHECK-DAG: error: adjoint: '__enzyme_register_splitderivative_f' is not supported by Adjoint yet

double hinted(double *p, double *dp) { return __enzyme_autodiff((void *)g, p, dp); }
