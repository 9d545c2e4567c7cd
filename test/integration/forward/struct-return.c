// Forward mode on a function returning a two-double struct by value (in registers): the result is the struct of tangents.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double re, im;
} Cplx;
Cplx __enzyme_fwddiff_c(void *, ...);

/* x^2 * exp(i x) as a struct of two doubles */
static Cplx phasor(double x) {
  Cplx c = {x * x * cos(x), x * x * sin(x)};
  return c;
}

/* a struct built from two array inputs, returned by value */
static Cplx cmul(const double *a, const double *b) {
  Cplx c = {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
  return c;
}

static double phasor_re(double x) { return phasor(x).re; }
static double phasor_im(double x) { return phasor(x).im; }

int main(void) {
  for (double x = -2.0; x <= 2.0; x += 0.5) {
    Cplx d = __enzyme_fwddiff_c((void *)phasor, x, 1.0);
    EXPECT_NEAR(d.re, 2 * x * cos(x) - x * x * sin(x), 1e-12);
    EXPECT_NEAR(d.im, 2 * x * sin(x) + x * x * cos(x), 1e-12);
    EXPECT_NEAR(d.re, adj_fd(phasor_re, x), 1e-6);
    EXPECT_NEAR(d.im, adj_fd(phasor_im, x), 1e-6);
  }
  double a[2] = {0.5, -1.5}, b[2] = {2.0, 0.25}, da[2] = {1.0, 0.5}, db[2] = {-1.0, 2.0};
  Cplx d = __enzyme_fwddiff_c((void *)cmul, a, da, b, db);
  EXPECT_NEAR(d.re, da[0] * b[0] + a[0] * db[0] - da[1] * b[1] - a[1] * db[1], 1e-12);
  EXPECT_NEAR(d.im, da[0] * b[1] + a[0] * db[1] + da[1] * b[0] + a[1] * db[0], 1e-12);
  return adj_report();
}
