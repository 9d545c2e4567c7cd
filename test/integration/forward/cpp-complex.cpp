// Forward mode (C++) through std::complex<double> arithmetic built from real inputs.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <complex>

using cd = std::complex<double>;

/* |z^3 + c|^2 with z = x + 0.5i and c = -0.4 + x*0.3 i : complex mul, add, norm */
static double poly_norm(double x) {
  cd z(x, 0.5);
  cd c(-0.4, 0.3 * x);
  cd w = z * z * z + c;
  return std::norm(w);
}

/* transfer-function magnitude |1 / (1 + i w tau)| with active tau; complex division and abs */
static double lowpass_mag(double tau) {
  cd one(1.0, 0.0);
  cd denom(1.0, 2.0 * tau);
  return std::abs(one / denom);
}

/* real part of exp(i x) * (x + 2i) */
static double rot(double x) { return std::real(std::exp(cd(0.0, x)) * cd(x, 2.0)); }

int main() {
  for (double x = -1.5; x <= 1.5; x += 0.25) {
    double d = __enzyme_fwddiff((void *)poly_norm, x, 1.0);
    cd z(x, 0.5), c(-0.4, 0.3 * x);
    cd w = z * z * z + c;
    cd dw = 3.0 * z * z + cd(0.0, 0.3);
    double exact = 2.0 * (w.real() * dw.real() + w.imag() * dw.imag());
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(poly_norm, x), 1e-6);

    double e = __enzyme_fwddiff((void *)rot, x, 1.0);
    /* Re[(cos x + i sin x)(x + 2i)] = x cos x - 2 sin x */
    EXPECT_NEAR(e, std::cos(x) - x * std::sin(x) - 2 * std::cos(x), 1e-12);
    EXPECT_NEAR(e, adj_fd(rot, x), 1e-6);
  }
  for (double tau = 0.1; tau <= 3.0; tau += 0.4) {
    double d = __enzyme_fwddiff((void *)lowpass_mag, tau, 1.0);
    /* (1 + 4 tau^2)^(-1/2) */
    EXPECT_NEAR(d, -4.0 * tau * std::pow(1 + 4 * tau * tau, -1.5), 1e-12);
    EXPECT_NEAR(d, adj_fd(lowpass_mag, tau), 1e-6);
  }
  return adj_report();
}
