// User derivative rules that Adjoint cannot honour are errors, never
// ignored: a forward rule of the wrong type, a reverse-mode rule (not
// supported yet), another __enzyme_ table it does not understand, and
// reverse mode through a function that has only a forward rule.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O2 -DREVERSE -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REV
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

__attribute__((noinline)) double f(double x, int n) { return x * n; }
__attribute__((noinline)) double g(double x) { return x * x; }
__attribute__((noinline)) double h(double x) { return x * x * x; }

#ifndef REVERSE
/* The tangent of x is missing. */
double f_tangent(double x, int n) { return n; }
void *__enzyme_register_derivative_f[2] = {(void *)f, (void *)f_tangent};
// CHECK-DAG: error: adjoint: the forward-mode rule 'f_tangent' registered for 'f' has type double (double, i32) but must have type double (double, double, i32)

double g_aug(double x) { return x; }
double g_rev(double x, double dx) { return dx; }
void *__enzyme_register_gradient_g[3] = {(void *)g, (void *)g_aug, (void *)g_rev};
// CHECK-DAG: error: adjoint: '__enzyme_register_gradient_g' is not supported by Adjoint yet

double counter;
void *__enzyme_inactive_global[1] = {(void *)&counter};
// CHECK-DAG: error: adjoint: '__enzyme_inactive_global' is not supported by Adjoint yet

void *__enzyme_function_like[2] = {(void *)g, (void *)"logarithm"};
// CHECK-DAG: error: adjoint: '__enzyme_function_like' says 'g' behaves like 'logarithm', which has no derivative rule

double df(double x) { return __enzyme_fwddiff((void *)f, x, 1.0, 3); }
#else
double h_tangent(double x, double dx) { return 3 * x * x * dx; }
void *__enzyme_register_derivative_h[2] = {(void *)h, (void *)h_tangent};
static double uses_h(double x) { return h(x) + x; }
// REV: error: adjoint: 'h' has a forward-mode rule (__enzyme_register_derivative_), which reverse mode cannot use
double dh(double x) { return __enzyme_autodiff((void *)uses_h, x); }
#endif
