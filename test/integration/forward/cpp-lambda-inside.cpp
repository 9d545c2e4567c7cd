// Forward mode (C++) on a function that defines and calls lambdas (capturing by value and by reference).
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

template <typename F> static double integrate_simpson(F f, double a, double b, int n) {
  double h = (b - a) / n, s = f(a) + f(b);
  for (int i = 1; i < n; ++i)
    s += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
  return s * h / 3.0;
}

/* I(k) = integral_0^1 exp(-k t^2) dt, computed with a capturing lambda */
static double gauss_integral(double k) {
  auto g = [k](double t) { return std::exp(-k * t * t); };
  return integrate_simpson(g, 0.0, 1.0, 64);
}

/* a lambda that updates a captured-by-reference accumulator */
static double accumulate(double x) {
  double acc = 0.0;
  auto add = [&acc, x](double w) { acc += w * std::sin(w * x); };
  for (int i = 1; i <= 4; ++i)
    add(0.5 * i);
  return acc;
}

int main() {
  for (double k = 0.1; k <= 3.0; k += 0.3) {
    double d = __enzyme_fwddiff((void *)gauss_integral, k, 1.0);
    /* dI/dk = -integral t^2 exp(-k t^2) dt (Simpson is linear in the integrand) */
    auto dg = [k](double t) { return -t * t * std::exp(-k * t * t); };
    EXPECT_NEAR(d, integrate_simpson(dg, 0.0, 1.0, 64), 1e-12);
    EXPECT_NEAR(d, adj_fd(gauss_integral, k), 1e-6);
  }
  for (double x = -2.0; x <= 2.0; x += 0.4) {
    double d = __enzyme_fwddiff((void *)accumulate, x, 1.0);
    double exact = 0.0;
    for (int i = 1; i <= 4; ++i) {
      double w = 0.5 * i;
      exact += w * w * std::cos(w * x);
    }
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(accumulate, x), 1e-6);
  }
  return adj_report();
}
