// Forward mode (C++) through <cmath> overloads: std::sin, std::exp, std::pow, std::hypot, std::atan2, std::erf, ...
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

extern "C" float __enzyme_fwddiff_f(void *, ...);

static double mix(double x) {
  return std::sin(x) * std::cos(2 * x) + std::exp(-x * x) + std::pow(1.0 + x * x, 1.5) +
         std::atan(x) + std::log1p(x * x) + std::tanh(x) + std::cbrt(2.0 + x) +
         std::hypot(x, 2.0) + std::atan2(x, 3.0) + std::erf(x) + std::sinh(x) + std::expm1(x);
}

static double mix_exact(double x) {
  const double pi = 3.14159265358979323846;
  return std::cos(x) * std::cos(2 * x) - 2 * std::sin(x) * std::sin(2 * x) -
         2 * x * std::exp(-x * x) + 3 * x * std::sqrt(1 + x * x) + 1 / (1 + x * x) +
         2 * x / (1 + x * x) + 1 - std::tanh(x) * std::tanh(x) +
         1.0 / (3.0 * std::cbrt(2.0 + x) * std::cbrt(2.0 + x)) + x / std::hypot(x, 2.0) +
         3.0 / (9.0 + x * x) + 2 / std::sqrt(pi) * std::exp(-x * x) + std::cosh(x) + std::exp(x);
}

/* the float overloads of std:: functions */
static float mixf(float x) { return std::sin(x) * std::exp(x) + std::sqrt(x * x + 1.0f); }

int main() {
  for (double x = -1.5; x <= 1.5; x += 0.25) {
    double d = __enzyme_fwddiff((void *)mix, x, 1.0);
    EXPECT_NEAR(d, mix_exact(x), 1e-10);
    EXPECT_NEAR(d, adj_fd(mix, x), 1e-6);
    float fx = (float)x;
    float df = __enzyme_fwddiff_f((void *)mixf, fx, 1.0f);
    double xd = fx;
    EXPECT_NEAR(df, std::cos(xd) * std::exp(xd) + std::sin(xd) * std::exp(xd) + xd / std::sqrt(xd * xd + 1), 1e-5);
  }
  return adj_report();
}
