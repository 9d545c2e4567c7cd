// Forward mode through a switch whose default case is __builtin_unreachable().
// RUN: %check-program %s
#include "adjoint_test.h"

static double basis(double x, int k) {
  switch (k & 3) {
  case 0:
    return 1.0 - x;
  case 1:
    return x * (1.0 - x);
  case 2:
    return x * x * (3.0 - 2.0 * x);
  case 3:
    return cos(x);
  default:
    __builtin_unreachable();
  }
}

static double combo(double x) {
  double s = 0.0;
  for (int k = 0; k < 8; ++k)
    s += basis(x, k) * (k + 1);
  return s;
}

int main(void) {
  for (double x = -0.5; x <= 1.5; x += 0.25) {
    double d = __enzyme_fwddiff((void *)combo, x, 1.0);
    double b[4] = {-1.0, 1.0 - 2 * x, 6 * x - 6 * x * x, -sin(x)};
    double exact = 0.0;
    for (int k = 0; k < 8; ++k)
      exact += b[k & 3] * (k + 1);
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(combo, x), 1e-6);
    for (int k = 0; k < 4; ++k)
      EXPECT_NEAR(__enzyme_fwddiff((void *)basis, x, 1.0, k), b[k], 1e-12);
  }
  return adj_report();
}
