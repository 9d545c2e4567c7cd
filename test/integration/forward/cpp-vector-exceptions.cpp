// Forward mode (C++, exceptions enabled): std::vector growth and RAII cleanups make operator new an invoke.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <vector>

/* push_back reallocates through an invoke of operator new (normal successor is a join block) */
static double orbit(double x, int n) {
  std::vector<double> v;
  v.push_back(x);
  for (int i = 1; i < n; ++i) {
    double p = v.back();
    v.push_back(p * x + 1.0 / (1.0 + p * p));
  }
  double s = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += v[i] / (double)(i + 1);
  return s;
}

/* an RAII owner is live while a second, conditional new[] runs: that new[] is an invoke */
struct Owner {
  double *p;
  ~Owner() { delete[] p; }
};
static double scratch(double x, int n) {
  Owner a{new double[1]};
  a.p[0] = std::sin(x);
  double *q = n > 0 ? new double[n] : a.p;
  q[0] = a.p[0] * x;
  double r = q[0];
  if (q != a.p)
    delete[] q;
  return r;
}

static double orbit12(double x) { return orbit(x, 12); }
static double scratch3(double x) { return scratch(x, 3); }

int main() {
  for (double x = -0.9; x <= 0.9; x += 0.3) {
    double d = __enzyme_fwddiff((void *)orbit, x, 1.0, 12);
    double v = x, dv = 1.0, ds = 1.0;
    for (int i = 1; i < 12; ++i) {
      double q = 1.0 + v * v;
      double ndv = dv * x + v - 2 * v * dv / (q * q);
      v = v * x + 1.0 / q;
      dv = ndv;
      ds += dv / (i + 1);
    }
    EXPECT_NEAR(d, ds, 1e-12);
    EXPECT_NEAR(d, adj_fd(orbit12, x), 1e-6);

    double e = __enzyme_fwddiff((void *)scratch, x, 1.0, 3);
    EXPECT_NEAR(e, std::cos(x) * x + std::sin(x), 1e-12);
    EXPECT_NEAR(e, adj_fd(scratch3, x), 1e-6);
  }
  return adj_report();
}
