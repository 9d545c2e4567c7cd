// Forward mode (C++) through a std::vector<double> built and grown (push_back) inside the function.
// RUN: %check-program %s -fno-exceptions
#include "adjoint_test.h"
#include <cmath>
#include <vector>

/* Build the orbit of the map v -> v*x + 1/(1+v^2) with push_back (reallocations move active
 * values), then return a weighted sum of the orbit. */
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

/* a pre-sized vector taking input data, then sorted-free reduction */
static double sumsq(const double *x, int n) {
  std::vector<double> tmp(x, x + n);
  for (double &t : tmp)
    t = t * t;
  double s = 0.0;
  for (double t : tmp)
    s += t;
  return std::sqrt(s);
}

static double orbit12(double x) { return orbit(x, 12); }

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
  }
  double x[5] = {1.0, -2.0, 0.5, 3.0, 0.25}, dx[5] = {1, 1, 0, -1, 2};
  double d = __enzyme_fwddiff((void *)sumsq, x, dx, 5);
  double s = 0.0, ds = 0.0;
  for (int i = 0; i < 5; ++i) {
    s += x[i] * x[i];
    ds += 2 * x[i] * dx[i];
  }
  EXPECT_NEAR(d, ds / (2 * std::sqrt(s)), 1e-12);
  return adj_report();
}
