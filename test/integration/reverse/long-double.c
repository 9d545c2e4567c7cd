// Reverse mode on x86 long double (x86_fp80): arithmetic, long double libm (sinl, expl, powl, ...), a loop, several active long double arguments, and double <-> long double conversions.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

long double __enzyme_autodiff_ld(void *, ...);
typedef struct {
  long double dx, dy;
} L2;
L2 __enzyme_autodiff_ld2(void *, ...);

static long double f(long double x) {
  return sinl(x) * x * x + expl(-x) / (1.0L + x * x) + logl(2.0L + x) + sqrtl(3.0L + x) +
         atanl(x) + tanhl(x) + cbrtl(x + 5.0L);
}
static long double df(long double x) {
  long double q = 1 + x * x, t = tanhl(x);
  return cosl(x) * x * x + 2 * x * sinl(x) - expl(-x) / q - expl(-x) * 2 * x / (q * q) +
         1 / (2 + x) + 0.5L / sqrtl(3 + x) + 1 / q + (1 - t * t) +
         1 / (3 * cbrtl(x + 5) * cbrtl(x + 5));
}
static long double g(long double x, long double y) {
  long double s = 0.0L;
  for (int k = 1; k <= 10; ++k)
    s += powl(x, y / k) + x * y * k;
  return s;
}
/* double in, long double inside */
static double h(double x) {
  long double w = (long double)x * x;
  return (double)(w * w) + (double)sqrtl(w + 1.0L);
}
static long double Y = 1.3L;
static long double gx(long double x) { return g(x, Y); }
static long double X = 1.1L;
static long double gy(long double y) { return g(X, y); }

int main(void) {
  for (long double x = -1.5L; x <= 2.0L; x += 0.5L) {
    long double d = __enzyme_autodiff_ld((void *)f, x);
    EXPECT_NEAR((double)d, (double)df(x), 1e-14);
    EXPECT_NEAR((double)d, (double)rev_fd_ld(f, x), 1e-7);
  }
  for (X = 0.5L; X <= 2.0L; X += 0.5L) {
    L2 d = __enzyme_autodiff_ld2((void *)g, X, Y);
    long double ex = 0, ey = 0;
    for (int k = 1; k <= 10; ++k) {
      ex += (Y / k) * powl(X, Y / k - 1) + Y * k;
      ey += powl(X, Y / k) * logl(X) / k + X * k;
    }
    EXPECT_NEAR((double)d.dx, (double)ex, 1e-14);
    EXPECT_NEAR((double)d.dy, (double)ey, 1e-14);
    EXPECT_NEAR((double)d.dx, (double)rev_fd_ld(gx, X), 1e-7);
    EXPECT_NEAR((double)d.dy, (double)rev_fd_ld(gy, Y), 1e-7);
  }
  for (double x = 0.25; x <= 2.0; x += 0.25) {
    double d = __enzyme_autodiff((void *)h, x);
    EXPECT_NEAR(d, 4 * x * x * x + x / sqrt(x * x + 1.0), 1e-12);
    EXPECT_NEAR(d, adj_fd(h, x), 1e-6);
  }
  return adj_report();
}
