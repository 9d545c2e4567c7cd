/* Derivatives with Adjoint, forward and reverse mode: compile with adjoint-cc and run. */
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

/* A gradient: g(x, y) = x sin(y) + y^2 over a loop of 3 terms. */
typedef struct { double dx, dy; } D2;
D2 __enzyme_autodiff2(void *, ...);
static double g(double x, double y) {
  double s = 0;
  for (int k = 1; k <= 3; ++k) s += x * sin(k * y) / k;
  return s + y * y;
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
  D2 dg = __enzyme_autodiff2((void *)g, 0.5, 2.0);
  double gx = 0, gy = 2 * 2.0;
  for (int k = 1; k <= 3; ++k) {
    gx += sin(k * 2.0) / k;
    gy += 0.5 * cos(k * 2.0);
  }
  printf("grad g(0.5,2) = (%.15f, %.15f)   (analytic (%.15f, %.15f))\n", dg.dx, dg.dy, gx, gy);
  int ok = fabs(df - exact) < 1e-12 && fabs(dp - (2 + 6 * x + 12 * x * x)) < 1e-12 &&
           fabs(dg.dx - gx) < 1e-12 && fabs(dg.dy - gy) < 1e-12;
  return ok ? 0 : 1;
}
