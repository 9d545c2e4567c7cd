// Forward mode through a Newton iteration with a convergence test (derivative of an implicit root).
// RUN: %check-program %s
#include "adjoint_test.h"

/* cube root of a by Newton on y^3 - a = 0, fixed iteration cap plus tolerance exit */
static double cbrt_newton(double a) {
  double y = a > 1.0 ? a / 3.0 : 1.0;
  for (int i = 0; i < 100; ++i) {
    double step = (y * y * y - a) / (3.0 * y * y);
    y -= step;
    if (fabs(step) < 1e-15 * fabs(y))
      break;
  }
  return y;
}

/* Kepler's equation E - e sin E = M, solved for E; returns E as a function of M (e fixed) */
static double kepler(double M) {
  const double e = 0.3;
  double E = M;
  for (int i = 0; i < 50; ++i) {
    double f = E - e * sin(E) - M;
    double step = f / (1.0 - e * cos(E));
    E -= step;
    if (fabs(step) < 1e-15)
      break;
  }
  return E;
}

int main(void) {
  for (double a = 0.2; a <= 30.0; a *= 1.7) {
    double d = __enzyme_fwddiff((void *)cbrt_newton, a, 1.0);
    /* converged iteration: tangent approaches the implicit derivative 1 / (3 y^2) */
    EXPECT_NEAR(d, 1.0 / (3.0 * cbrt(a) * cbrt(a)), 1e-10);
    EXPECT_NEAR(d, adj_fd(cbrt_newton, a), 1e-6);
  }
  for (double M = 0.1; M <= 3.0; M += 0.4) {
    double d = __enzyme_fwddiff((void *)kepler, M, 1.0);
    double E = kepler(M);
    EXPECT_NEAR(d, 1.0 / (1.0 - 0.3 * cos(E)), 1e-10);
    EXPECT_NEAR(d, adj_fd(kepler, M), 1e-6);
  }
  return adj_report();
}
