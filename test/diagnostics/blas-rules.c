// BLAS routines through their library rules, where a derivative cannot be
// right. A routine that writes an output without a shadow while an input
// carries a derivative stops the program with a message naming the routine
// and the output (it is known only at run time which shadows are null). A
// routine declared with another type than the BLAS one (here n as long)
// gets no rule, and differentiating a call to it is an error at compile
// time, as for any function without source.
// RUN: %adjoint-cc -O2 -DLOST_FORWARD %s -o %t.fwd -lopenblas -lm
// RUN: not --crash %t.fwd 2>&1 | FileCheck %s --check-prefix=LOST-Y
// RUN: %adjoint-cc -O2 -DLOST_REVERSE %s -o %t.rev -lopenblas -lm
// RUN: not --crash %t.rev 2>&1 | FileCheck %s --check-prefix=LOST-C
// RUN: not %adjoint-cc -O2 -DOTHER_TYPE -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=TYPE
// LOST-Y: adjoint: cblas_daxpy: its inputs carry derivatives but its output y has no shadow, so the derivative would be lost; pass y as enzyme_dup with a shadow
// LOST-C: adjoint: dgemm_: its inputs carry derivatives but its output C has no shadow
// TYPE: error: adjoint: cannot differentiate a call to 'cblas_ddot': it is not defined in this translation unit and has no derivative rule
#include <adjoint/enzyme.h>
#include <stdio.h>

#ifdef OTHER_TYPE
double cblas_ddot(long n, const double *x, long incx, const double *y, long incy);
static double dot(const double *x, const double *y) { return cblas_ddot(3, x, 1, y, 1); }
int main(void) {
  double x[3] = {1, 2, 3}, dx[3] = {0}, y[3] = {4, 5, 6};
  __enzyme_autodiff((void *)dot, x, dx, enzyme_const, y);
  printf("%g\n", dx[0]);
}
#else
#include <cblas.h>
void dgemm_(const char *, const char *, const int *, const int *, const int *, const double *,
            const double *, const int *, const double *, const int *, const double *, double *,
            const int *);

/* y is the caller's constant memory: the derivative of a x has nowhere to go. */
static void axpy(double a, const double *x, double *y) { cblas_daxpy(3, a, x, 1, y, 1); }

static double product(const double *a, double *c) {
  int two = 2;
  double one = 1.0, zero = 0.0;
  dgemm_("N", "N", &two, &two, &two, &one, a, &two, a, &two, &zero, c, &two);
  return 0.0;
}

int main(void) {
  double x[3] = {1, 2, 3}, dx[3] = {1, 0, 0}, y[3] = {4, 5, 6};
#ifdef LOST_FORWARD
  __enzyme_fwddiff((void *)axpy, enzyme_const, 2.0, x, dx, enzyme_const, y);
#else
  double a[4] = {1, 2, 3, 4}, da[4] = {0}, c[4];
  __enzyme_autodiff((void *)product, a, da, enzyme_const, c);
#endif
  printf("%g %g\n", y[0], dx[0]);
}
#endif
