// Reverse mode (C++) through std::complex<double> arithmetic on scalar inputs (multiply, add, norm, real/imag, conj; complex multiply is lowered to real arithmetic).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"
#include <complex>

using cd = std::complex<double>;
struct D2 {
  double da, db;
};
extern "C" D2 __enzyme_autodiff2(void *, ...);

/* |z^3 + c|^2 with z = a + b i and c = 0.3 - 0.2 i */
static double poly_norm(double a, double b) {
  cd z(a, b);
  cd c(0.3, -0.2);
  cd w = z * z * z + c;
  return std::norm(w);
}
/* Mandelbrot-like iteration, a fixed number of steps: Re(z_n) + Im(z_n) */
static double iter(double a, double b) {
  cd c(a, b), z(0.0, 0.0);
  for (int i = 0; i < 6; ++i)
    z = z * z + c;
  return z.real() + 0.5 * z.imag();
}
/* z * conj(z) scaled by a complex constant, real part */
static double conjprod(double a, double b) {
  cd z(a, b);
  cd w = z * std::conj(z) * cd(2.0, 1.0) + z * cd(0.0, 1.0);
  return w.real() * w.imag();
}
static double gp(const double *v) { return poly_norm(v[0], v[1]); }
static double gi(const double *v) { return iter(v[0], v[1]); }
static double gc(const double *v) { return conjprod(v[0], v[1]); }

int main() {
  const double pts[][2] = {{0.3, 0.5}, {-0.7, 0.2}, {1.1, -0.4}, {-0.2, -0.6}};
  for (auto &p : pts) {
    double a = p[0], b = p[1];
    double v[2] = {a, b};
    D2 d = __enzyme_autodiff2((void *)poly_norm, a, b);
    cd z(a, b), w = z * z * z + cd(0.3, -0.2), dw = 3.0 * z * z;
    /* d|w|^2/da = 2 Re(conj(w) dw/da), dw/db = i dw/da */
    EXPECT_NEAR(d.da, 2 * std::real(std::conj(w) * dw), 1e-12);
    EXPECT_NEAR(d.db, 2 * std::real(std::conj(w) * dw * cd(0, 1)), 1e-12);
    EXPECT_NEAR(d.da, rev_fd_vec(gp, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.db, rev_fd_vec(gp, v, 2, 1), 1e-6);

    D2 e = __enzyme_autodiff2((void *)iter, a * 0.5, b * 0.5);
    double u[2] = {a * 0.5, b * 0.5};
    EXPECT_NEAR(e.da, rev_fd_vec(gi, u, 2, 0), 1e-6);
    EXPECT_NEAR(e.db, rev_fd_vec(gi, u, 2, 1), 1e-6);

    D2 f = __enzyme_autodiff2((void *)conjprod, a, b);
    /* w = 2r + r i - b + a i with r = a^2 + b^2: Re = 2r - b, Im = r + a */
    double r = a * a + b * b, re = 2 * r - b, im = r + a;
    EXPECT_NEAR(f.da, 4 * a * im + re * (2 * a + 1), 1e-12);
    EXPECT_NEAR(f.db, (4 * b - 1) * im + re * 2 * b, 1e-12);
    EXPECT_NEAR(f.da, rev_fd_vec(gc, v, 2, 0), 1e-6);
    EXPECT_NEAR(f.db, rev_fd_vec(gc, v, 2, 1), 1e-6);
  }
  return adj_report();
}
