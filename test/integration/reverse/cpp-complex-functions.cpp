// Both modes (C++) through the functions of std::complex, which call C's complex library:
// exp, log, sqrt (both half planes, on the positive real axis and across the negative one),
// pow (complex and real exponent), sin, cos, tan, sinh, cosh, tanh, abs, arg, norm, polar, and
// the float versions. Each gradient and tangent is checked against central differences of the
// same formula in double precision.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <complex>

template <typename R, typename... A> R __enzyme_autodiff(void *, A...);
template <typename R, typename... A> R __enzyme_fwddiff(void *, A...);
extern int enzyme_dup, enzyme_out, enzyme_const;

using C = std::complex<double>;
using Cf = std::complex<float>;

template <int K, typename Z> static Z formula(Z z, Z w) {
  switch (K) {
  case 0:
    return std::exp(z) + std::log(z);
  case 1:
    return std::sqrt(z) * std::pow(z, w);
  case 2:
    return std::sin(z) + std::cos(z) * std::tan(z);
  case 3:
    return std::sinh(z) - std::cosh(z) / std::tanh(z);
  case 4:
    return Z(std::abs(z), std::arg(z)) * std::norm(z) + std::pow(z, typename Z::value_type(2.5)) +
           std::polar(z.real(), z.imag());
  default:
    return std::sqrt(-z) + std::sqrt(std::conj(-z)) + std::log(-z) + std::sqrt(z * z);
  }
}

template <int K> __attribute__((noinline)) static double g(double x, double y) {
  C z(x, y), w(0.3 * y, -0.2 * x);
  C r = formula<K>(z, w);
  return r.real() + 0.7 * r.imag();
}
template <int K> __attribute__((noinline)) static double gf(double x, double y) {
  Cf z(x, y), w(0.3 * y, -0.2 * x);
  Cf r = formula<K>(z, w);
  return r.real() + 0.7 * r.imag();
}

struct Two {
  double dx, dy;
};

template <int K> static void check(double x, double y) {
  const double h = 1e-6;
  double fx = (g<K>(x + h, y) - g<K>(x - h, y)) / (2 * h);
  double fy = (g<K>(x, y + h) - g<K>(x, y - h)) / (2 * h);
  Two r = __enzyme_autodiff<Two>((void *)g<K>, enzyme_out, x, enzyme_out, y);
  EXPECT_NEAR(r.dx, fx, 1e-6 * (1 + std::fabs(fx)));
  EXPECT_NEAR(r.dy, fy, 1e-6 * (1 + std::fabs(fy)));
  double tx = __enzyme_fwddiff<double>((void *)g<K>, enzyme_dup, x, 1.0, enzyme_dup, y, 0.0);
  double ty = __enzyme_fwddiff<double>((void *)g<K>, enzyme_dup, x, 0.0, enzyme_dup, y, 1.0);
  EXPECT_NEAR(tx, fx, 1e-6 * (1 + std::fabs(fx)));
  EXPECT_NEAR(ty, fy, 1e-6 * (1 + std::fabs(fy)));
  // float: the same derivative to float's precision
  Two rf = __enzyme_autodiff<Two>((void *)gf<K>, enzyme_out, x, enzyme_out, y);
  EXPECT_NEAR(rf.dx, fx, 1e-3 * (1 + std::fabs(fx)));
  EXPECT_NEAR(rf.dy, fy, 1e-3 * (1 + std::fabs(fy)));
}

int main() {
  check<0>(0.8, 0.45);
  check<1>(0.8, 0.45);
  check<2>(0.8, 0.45);
  check<3>(0.8, 0.45);
  check<4>(0.8, 0.45);
  check<5>(0.8, 0.45);
  check<5>(-0.6, 0.3);
  // On the positive real axis sqrt is smooth: its derivative must be finite there.
  check<1>(0.9, 0.0);
  check<5>(-0.9, 0.0);
  return adj_report();
}
