// Forward mode through a doubly nested loop with an inner bound that depends on the outer index.
// RUN: %check-program %s
#include "adjoint_test.h"

/* f(x) = sum_{i=1}^{6} sum_{j=0}^{i-1} sin(i*x + j) * x^j  (triangular nest) */
static double nest(double x) {
  double s = 0.0;
  for (int i = 1; i <= 6; ++i) {
    double p = 1.0;
    for (int j = 0; j < i; ++j) {
      s += sin(i * x + j) * p;
      p *= x;
    }
  }
  return s;
}

static double nest_exact(double x) {
  double s = 0.0;
  for (int i = 1; i <= 6; ++i)
    for (int j = 0; j < i; ++j)
      s += i * cos(i * x + j) * pow(x, j) + (j ? sin(i * x + j) * j * pow(x, j - 1) : 0.0);
  return s;
}

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.3) {
    double d = __enzyme_fwddiff((void *)nest, x, 1.0);
    EXPECT_NEAR(d, nest_exact(x), 1e-10);
    EXPECT_NEAR(d, adj_fd(nest, x), 1e-6);
  }
  return adj_report();
}
