// Forward mode on x86 long double (x86_fp80) arithmetic, long double libm functions, and double <-> long double conversions.
// RUN: %check-program %s
#include "adjoint_test.h"

long double __enzyme_fwddiff_ld(void *, ...);

static long double f(long double x) { return sinl(x) * x * x + expl(-x) / (1.0L + x * x); }

/* double in, long double (fpext to x86_fp80) inside, double out */
static double g(double x) {
  long double w = (long double)x * x;
  return (double)(w * w) + (double)sqrtl(w + 1.0L);
}

static long double fd(long double x) {
  long double h = 1e-8L;
  return (f(x + h) - f(x - h)) / (2 * h);
}

int main(void) {
  for (long double x = -2.0L; x <= 2.0L; x += 0.5L) {
    long double d = __enzyme_fwddiff_ld((void *)f, x, 1.0L);
    long double exact = cosl(x) * x * x + 2 * x * sinl(x) - expl(-x) / (1 + x * x) -
                        expl(-x) * 2 * x / ((1 + x * x) * (1 + x * x));
    EXPECT_NEAR((double)d, (double)exact, 1e-14);
    EXPECT_NEAR((double)d, (double)fd(x), 1e-7);
  }
  for (double x = 0.25; x <= 2.0; x += 0.25) {
    double d = __enzyme_fwddiff((void *)g, x, 1.0);
    EXPECT_NEAR(d, 4 * x * x * x + x / sqrt(x * x + 1.0), 1e-12);
    EXPECT_NEAR(d, adj_fd(g, x), 1e-6);
  }
  return adj_report();
}
