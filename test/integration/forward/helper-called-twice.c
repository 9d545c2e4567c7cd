// Forward mode calling one helper twice with different activity (active vs constant arguments).
// RUN: %check-program %s
#include "adjoint_test.h"

/* a generic weighted norm helper: sqrt(sum w_i a_i^2) */
static double wnorm(const double *a, const double *w, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += w[i] * a[i] * a[i];
  return sqrt(s);
}

static const double weights[4] = {1.0, 2.0, 0.5, 3.0};

/* first call: the data is active, weights constant; second call: weights active (built from x),
 * data constant. */
static double f(double x) {
  double a[4] = {x, 2 * x, sin(x), 1.0};
  double w[4] = {1.0 + x * x, 1.0, exp(x), 2.0};
  static const double ones[4] = {1.0, -1.0, 0.5, 0.25};
  return wnorm(a, weights, 4) + wnorm(ones, w, 4);
}

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.2) {
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    double s1 = x * x + 2 * 4 * x * x + 0.5 * sin(x) * sin(x) + 3.0;
    double ds1 = 2 * x + 16 * x + sin(x) * cos(x);
    double s2 = (1 + x * x) + 1.0 + 0.25 * exp(x) + 2 * 0.0625;
    double ds2 = 2 * x + 0.25 * exp(x);
    double exact = ds1 / (2 * sqrt(s1)) + ds2 / (2 * sqrt(s2));
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
  }
  return adj_report();
}
