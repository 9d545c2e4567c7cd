/* Reference digamma for the lgamma/tgamma checks: recurrence up to x >= 12,
 * then the asymptotic series; reflection for x < 0.5. About 1e-15 relative. */
#ifndef REV_DIGAMMA_H
#define REV_DIGAMMA_H
#include <math.h>

static long double ref_digamma(long double x) {
  const long double pi = 3.141592653589793238462643383279502884L;
  if (x < 0.5L)
    return ref_digamma(1.0L - x) - pi / tanl(pi * x);
  long double r = 0.0L;
  while (x < 12.0L) {
    r -= 1.0L / x;
    x += 1.0L;
  }
  long double i2 = 1.0L / (x * x);
  long double s = i2 * (1.0L / 12 - i2 * (1.0L / 120 - i2 * (1.0L / 252 - i2 * (1.0L / 240 - i2 * (1.0L / 132)))));
  return r + logl(x) - 0.5L / x - s;
}
#endif
