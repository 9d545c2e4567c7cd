/* Forward-mode derivatives with Adjoint: compile with adjoint-cc and run. */
#include <adjoint/enzyme.h>
#include <math.h>
#include <stdio.h>

/* f(x) = sin(x) * exp(x) / (1 + x^2) */
static double f(double x) { return sin(x) * exp(x) / (1.0 + x * x); }

/* A loop over an array: p(a, x) = sum_i a[i] x^i (Horner). */
static double poly(const double *a, int n, double x) {
  double r = 0.0;
  for (int i = n - 1; i >= 0; --i)
    r = r * x + a[i];
  return r;
}

int main(void) {
  double x = 0.7;
  double df = __enzyme_fwddiff((void *)f, x, 1.0);
  double exact = (cos(x) * exp(x) + sin(x) * exp(x)) / (1 + x * x) -
                 sin(x) * exp(x) * 2 * x / ((1 + x * x) * (1 + x * x));
  printf("f'(%.1f)      = %.15f   (analytic %.15f)\n", x, df, exact);

  double a[4] = {1, 2, 3, 4}, da[4] = {0, 0, 0, 0};
  double dp = __enzyme_fwddiff((void *)poly, enzyme_dup, a, da, enzyme_const, 4, x, 1.0);
  printf("dp/dx(%.1f)   = %.15f   (analytic %.15f)\n", x, dp, 2 + 6 * x + 12 * x * x);
  return fabs(df - exact) < 1e-12 && fabs(dp - (2 + 6 * x + 12 * x * x)) < 1e-12 ? 0 : 1;
}
