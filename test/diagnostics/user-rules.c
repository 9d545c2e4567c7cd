// User derivative rules that Adjoint cannot honour are errors, never
// ignored: a forward rule of the wrong type, reverse-mode rules of the
// wrong types or shapes, another __enzyme_ table it does not understand,
// reverse mode through a function that has only a forward rule, and
// forward mode through an external function that has only a reverse rule.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O2 -DREVERSE -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REV
// RUN: not %adjoint-cc -O2 -DBADARG -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=BADARG
// RUN: not %adjoint-cc -O2 -DFORWARD_EXTERNAL -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=FWD
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

__attribute__((noinline)) double f(double x, int n) { return x * n; }
__attribute__((noinline)) double g(double x) { return x * x; }
__attribute__((noinline)) double h(double x) { return x * x * x; }

#if !defined(REVERSE) && !defined(FORWARD_EXTERNAL)
/* The tangent of x is missing. */
double f_tangent(double x, int n) { return n; }
void *__enzyme_register_derivative_f[2] = {(void *)f, (void *)f_tangent};
// CHECK-DAG: error: adjoint: the forward-mode rule 'f_tangent' registered for 'f' has type double (double, i32) but must have type double (double, double, i32)

/* The augmented rule must return g's result (and may return a tape). */
void g_aug(double x) {}
double g_rev(double x, double dy) { return dy; }
void *__enzyme_register_gradient_g[3] = {(void *)g, (void *)g_aug, (void *)g_rev};
// CHECK-DAG: error: adjoint: the reverse-mode rule registered for 'g' in '__enzyme_register_gradient_g' has an augmented rule 'g_aug' of type void (double), but it must take (double) (each parameter, followed by its shadow when it is a pointer) and return double (f's result), or {void *, double} (a tape and f's result)

/* The pointer's shadow is missing, and so is the adjoint of the result. */
__attribute__((noinline)) double p(const double *v, double a) { return v[0] * a; }
typedef struct { void *tape; double y; } PAug;
PAug p_aug(const double *v, double *dv, double a) { return (PAug){0, p(v, a)}; }
double p_rev(const double *v, double a, void *tape) { return 0; }
void *__enzyme_register_gradient_p[3] = {(void *)p, (void *)p_aug, (void *)p_rev};
// CHECK-DAG: error: adjoint: the reverse-mode rule registered for 'p' in '__enzyme_register_gradient_p' has a reverse rule 'p_rev' of type double (ptr, double, ptr) but it must have type double (ptr, ptr, double, double, ptr): the augmented rule's parameters, then the adjoint of f's result, then the tape; returning the adjoints of f's float parameters

/* A function returning a pointer, and a table without its reverse rule. */
__attribute__((noinline)) double *q(double *v) { return v + 1; }
void *__enzyme_register_gradient_q[3] = {(void *)q, (void *)q, (void *)q};
// CHECK-DAG: error: adjoint: the reverse-mode rule registered for 'q' in '__enzyme_register_gradient_q' cannot be used: 'q' returns a pointer, and reverse-mode rules for such functions are not supported yet
void *__enzyme_register_gradient_h[2] = {(void *)h, (void *)g_rev};
// CHECK-DAG: error: adjoint: '__enzyme_register_gradient_h' must be {(void *)f, (void *)augmented, (void *)reverse}

/* A value with a derivative stored into a global declared inactive. */
double counter;
void *__enzyme_inactive_global[1] = {(void *)&counter};
static double keeps(double x) {
  counter = x;
  return counter * x;
}
// CHECK-DAG: error: adjoint: a value that carries a derivative is stored into 'counter', which is declared inactive (__enzyme_inactive_global)
double dkeeps(double x) { return __enzyme_fwddiff((void *)keeps, x, 1.0); }
void *__enzyme_inactive_global_bad = (void *)g;
// CHECK-DAG: error: adjoint: '__enzyme_inactive_global_bad' lists 'g': list the addresses of globals
void *__enzyme_allocation_like[4];
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like' must be {(void *)alloc, (void *)SIZE, (void *)"MAP", (void *)free}

void *__enzyme_function_like[2] = {(void *)g, (void *)"logarithm"};
// CHECK-DAG: error: adjoint: '__enzyme_function_like' says 'g' behaves like 'logarithm', which has no derivative rule

/* The same checks for the attributes of Adjoint's front-end plugin. */
__attribute__((enzyme_function_like("nosuch"))) double weird(double x) { return x; }
// CHECK-DAG: error: adjoint: 'weird' is declared to behave like 'nosuch', which has no derivative rule
#ifdef BADARG
__attribute__((enzyme_function_like(3))) double weirder(double x) { return x; }
// BADARG: error: adjoint: 'enzyme_function_like' takes the name of a math function as a string
#endif

double df(double x) { return __enzyme_fwddiff((void *)f, x, 1.0, 3); }
#elif defined(FORWARD_EXTERNAL)
/* A function defined elsewhere with only a reverse-mode rule, in forward mode. */
double ext(double x);
double ext_aug(double x) { return ext(x); }
double ext_rev(double x, double dy) { return dy; }
void *__enzyme_register_gradient_ext[3] = {(void *)ext, (void *)ext_aug, (void *)ext_rev};
static double uses_ext(double x) { return ext(x) * x; }
// FWD: error: adjoint: cannot differentiate a call to 'ext' in forward mode: it is not defined in this translation unit and has only a reverse-mode rule; register a forward-mode rule too (__enzyme_register_derivative_ext)
double dext(double x) { return __enzyme_fwddiff((void *)uses_ext, x, 1.0); }
#else
double h_tangent(double x, double dx) { return 3 * x * x * dx; }
void *__enzyme_register_derivative_h[2] = {(void *)h, (void *)h_tangent};
static double uses_h(double x) { return h(x) + x; }
// REV: error: adjoint: 'h' has a forward-mode rule (__enzyme_register_derivative_), which reverse mode cannot use
double dh(double x) { return __enzyme_autodiff((void *)uses_h, x); }
#endif
