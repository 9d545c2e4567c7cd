// Forward mode (C++) through member functions: a static wrapper builds a class object and calls its methods.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

class Spring {
public:
  Spring(double k, double rest) : k_(k), rest_(rest) {}
  double stretch(double x0, double x1) const { return std::fabs(x1 - x0) - rest_; }
  double energy(double x0, double x1) const {
    double s = stretch(x0, x1);
    return 0.5 * k_ * s * s;
  }
  void scale(double f) { k_ *= f; }

private:
  double k_, rest_;
};

class Chain {
public:
  explicit Chain(const double *pos) : pos_(pos) {}
  double energy(double k) const {
    double e = 0.0;
    for (int i = 0; i < 3; ++i) {
      Spring s(k, 1.0);
      if (i == 2)
        s.scale(2.0);
      e += s.energy(pos_[i], pos_[i + 1]);
    }
    return e;
  }

private:
  const double *pos_;
};

/* static entry points that wrap the classes */
static double chain_energy(const double *pos, double k) { return Chain(pos).energy(k); }
static double spring_energy(double x1) { return Spring(3.0, 0.5).energy(0.0, x1); }

int main() {
  double pos[4] = {0.0, 1.3, 2.1, 3.9};
  for (int j = 0; j < 4; ++j) {
    double dpos[4] = {0};
    dpos[j] = 1.0;
    double d = __enzyme_fwddiff((void *)chain_energy, pos, dpos, enzyme_const, 2.0);
    double exact = 0.0;
    for (int i = 0; i < 3; ++i) {
      double k = i == 2 ? 4.0 : 2.0;
      double s = pos[i + 1] - pos[i] - 1.0;
      if (j == i + 1)
        exact += k * s;
      if (j == i)
        exact -= k * s;
    }
    EXPECT_NEAR(d, exact, 1e-12);
    double pp[4], pm[4], h = 1e-6;
    for (int i = 0; i < 4; ++i)
      pp[i] = pm[i] = pos[i];
    pp[j] += h;
    pm[j] -= h;
    EXPECT_NEAR(d, (chain_energy(pp, 2.0) - chain_energy(pm, 2.0)) / (2 * h), 1e-6);
  }
  double zero[4] = {0};
  double dk = __enzyme_fwddiff((void *)chain_energy, pos, zero, 2.0, 1.0);
  EXPECT_NEAR(dk, (chain_energy(pos, 2.0 + 1e-6) - chain_energy(pos, 2.0 - 1e-6)) / 2e-6, 1e-6);
  for (double x = -2.0; x <= 2.0; x += 0.3) {
    double d = __enzyme_fwddiff((void *)spring_energy, x, 1.0);
    EXPECT_NEAR(d, 3.0 * (std::fabs(x) - 0.5) * (x > 0 ? 1.0 : -1.0), 1e-12);
    EXPECT_NEAR(d, adj_fd(spring_energy, x), 1e-6);
  }
  return adj_report();
}
