// Reverse mode (C++) through non-virtual member functions, a struct passed by const reference to helpers, operator overloading on a small value type, and a static member function as the differentiated function.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"
#include <cmath>

struct D3 {
  double a, b, c;
};
extern "C" D3 __enzyme_autodiff3(void *, ...);

struct V2 {
  double x, y;
  V2 operator+(const V2 &o) const { return {x + o.x, y + o.y}; }
  V2 operator*(double s) const { return {x * s, y * s}; }
  double dot(const V2 &o) const { return x * o.x + y * o.y; }
  double norm() const { return std::sqrt(dot(*this)); }
};

struct Spring {
  double k, rest;
  double energy(const V2 &p, const V2 &q) const {
    V2 d = p + q * -1.0;
    double e = d.norm() - rest;
    return 0.5 * k * e * e;
  }
  static double chain(double k, double rest, double t) {
    Spring s{k, rest};
    V2 a{0.0, 0.0}, b{std::cos(t), std::sin(t) * 2.0}, c{1.5 * t, -0.5};
    return s.energy(a, b) + s.energy(b, c) + s.energy(c, a * 2.0 + b);
  }
};
static double g(const double *v) { return Spring::chain(v[0], v[1], v[2]); }

int main() {
  const double pts[][3] = {{2.0, 0.5, 0.3}, {1.0, 1.2, 1.1}, {0.5, 0.1, -0.7}};
  for (auto &p : pts) {
    D3 d = __enzyme_autodiff3((void *)Spring::chain, p[0], p[1], p[2]);
    double v[3] = {p[0], p[1], p[2]};
    EXPECT_NEAR(d.a, rev_fd_vec(g, v, 3, 0), 1e-6);
    EXPECT_NEAR(d.b, rev_fd_vec(g, v, 3, 1), 1e-6);
    EXPECT_NEAR(d.c, rev_fd_vec(g, v, 3, 2), 1e-6);
    /* the energy is linear in k: dE/dk = E / k */
    EXPECT_NEAR(d.a, Spring::chain(p[0], p[1], p[2]) / p[0], 1e-12);
  }
  return adj_report();
}
