/* libm-cases.h configuration: long double (x86_fp80 on x86-64). The tangent
 * is returned as long double through a user prototype of __enzyme_fwddiff.
 * Tolerances: 1e-15 relative against the analytic derivative (1e-12 for
 * lgamma/tgamma, whose digamma the plugin evaluates in double), 1e-8 against
 * central differences taken in long double. */
#define _GNU_SOURCE
#include <adjoint/enzyme.h>
#include <math.h>
long double __enzyme_fwddiff_ld(void *, ...);
static long double fd_ld(long double (*f)(long double), long double x) {
  long double h = 1e-7L * (fabsl(x) > 1 ? fabsl(x) : 1);
  return (f(x + h) - f(x - h)) / (2 * h);
}
#define T long double
#define SFX l
#define IR_T "f80"
#define DT long double
#define FWD __enzyme_fwddiff_ld
#define TOL_A 1e-15
#define TOL_GAMMA 1e-12
#define TOL_FD 1e-8
#define FD_H 1e-7L
#define FD1(f, x) fd_ld(f, x)
#define TYPE_NAME "long double"
