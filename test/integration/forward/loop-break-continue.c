// Forward mode through a loop with continue (skipping terms) and a data-dependent break.
// RUN: %check-program %s
#include "adjoint_test.h"

static double coef[16] = {0.5, -1.0, 2.0, 0.0, 1.5, -0.25, 0.0, 3.0,
                          1.0, 0.0,  -2.0, 0.7, 0.1, 0.0,  0.9, -0.3};

/* Accumulate coef[k]*x^(k+1)/(k+1); skip zero coefficients; stop once the partial sum
 * exceeds a threshold (the set of terms depends on x, but is locally constant). */
static double accum(double x) {
  double s = 0.0, p = x;
  for (int k = 0; k < 16; ++k, p *= x) {
    if (coef[k] == 0.0)
      continue;
    s += coef[k] * p / (k + 1);
    if (s > 4.0)
      break;
  }
  return s;
}

static double accum_exact(double x) {
  double s = 0.0, ds = 0.0, p = x, dp = 1.0;
  for (int k = 0; k < 16; ++k, dp = dp * x + p, p *= x) {
    if (coef[k] == 0.0)
      continue;
    s += coef[k] * p / (k + 1);
    ds += coef[k] * dp / (k + 1);
    if (s > 4.0)
      break;
  }
  return ds;
}

int main(void) {
  const double xs[] = {-1.3, -0.7, 0.2, 0.8, 1.1, 1.45, 2.0, 3.3};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double d = __enzyme_fwddiff((void *)accum, xs[i], 1.0);
    EXPECT_NEAR(d, accum_exact(xs[i]), 1e-10);
    EXPECT_NEAR(d, adj_fd(accum, xs[i]), 1e-6);
  }
  return adj_report();
}
