// Forward mode through irregular control flow: do-while loops and a backward goto (a hand-written loop).
// RUN: %check-program %s
#include "adjoint_test.h"

/* Babylonian square root with do-while, then a goto-driven fixed-point refinement of x = cos(x)*a */
static double irregular(double a) {
  double y = a;
  int it = 0;
  do {
    y = 0.5 * (y + a / y);
  } while (++it < 30);
  double z = 0.5;
  int k = 0;
again:
  z = 0.3 * cos(z) * y;
  if (++k < 60)
    goto again;
  return y + z;
}

int main(void) {
  for (double a = 0.5; a <= 4.0; a += 0.5) {
    double d = __enzyme_fwddiff((void *)irregular, a, 1.0);
    /* y = sqrt(a), z solves z = 0.3 cos(z) y:  dz = 0.3 cos z dy / (1 + 0.3 sin z y) */
    double y = sqrt(a), dy = 0.5 / sqrt(a);
    double z = irregular(a) - y;
    double dz = 0.3 * cos(z) * dy / (1 + 0.3 * sin(z) * y);
    EXPECT_NEAR(d, dy + dz, 1e-10);
    EXPECT_NEAR(d, adj_fd(irregular, a), 1e-6);
  }
  return adj_report();
}
