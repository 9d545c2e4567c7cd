// Reference parameters without a marker are duplicated like pointers: the
// request passes the address, then its shadow. The C++ front-end check took
// them for constants and shifted every later argument by one, rejecting the
// request ("the shadow of argument 2 has type 'double' but its primal has
// type ..."); found by the C++ fuzzer. Covered: a double& output, a
// const std::array& input and a struct reference, in forward and reverse
// mode, against analytic derivatives.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <array>
#include <cmath>

struct Gain {
  double k;
};
static double f(double &out, const std::array<double, 2> &w, const Gain &g, double a) {
  out = a * a * g.k;
  return std::sin(a) * w[0] + w[1] * g.k;
}

int main() {
  double o = 0, d = 0, a = 0.3;
  std::array<double, 2> w{2, 3}, dw{0.5, -1};
  Gain g{1.5}, dg{0.25};
  double t = __enzyme_fwddiff((void *)f, &o, &d, &w, &dw, &g, &dg, a, 1.0);
  EXPECT_NEAR(t, std::cos(a) * w[0] + 0.5 * std::sin(a) - g.k + w[1] * 0.25, 1e-14);
  EXPECT_NEAR(d, 2 * a * g.k + a * a * 0.25, 1e-14);
  std::array<double, 2> gw{0, 0};
  Gain gg{0};
  double go = 1.0; // the output's adjoint seed
  double da = __enzyme_autodiff((void *)f, &o, &go, &w, &gw, &g, &gg, a);
  EXPECT_NEAR(da, std::cos(a) * w[0] + 2 * a * g.k, 1e-14);
  EXPECT_NEAR(gw[0], std::sin(a), 1e-14);
  EXPECT_NEAR(gw[1], g.k, 1e-14);
  EXPECT_NEAR(gg.k, w[1] + a * a, 1e-14);
  return adj_report();
}
