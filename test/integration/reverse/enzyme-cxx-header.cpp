// Enzyme's C++ interface, `#include <enzyme/enzyme>`, served by Adjoint's
// drivers: enzyme::autodiff in Reverse, ReverseWithPrimal, Forward and
// ForwardWithPrimal mode, with Active, Duplicated, DuplicatedNoNeed and
// Const arguments and unwrapped (constant) ones, on a function, a function
// pointer and a lambda without captures; results read with enzyme::get.
// Against analytic values.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <enzyme/enzyme>

static double poly(double x, double y) { return x * x * y + 3 * y; }
static double weighted(const double *v, double a, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += a * v[i] * v[i];
  return s;
}
static void scale_into(const double *x, double *y, double a) {
  for (int i = 0; i < 3; ++i) y[i] = a * x[i];
}

int main() {
  double x = 1.5, y = -0.5;
  // Reverse: one tuple of the active arguments' derivatives.
  auto r = enzyme::autodiff<enzyme::Reverse>(poly, enzyme::Active<double>(x),
                                             enzyme::Active<double>(y));
  EXPECT_NEAR(enzyme::get<0>(enzyme::get<0>(r)), 2 * x * y, 1e-15);
  EXPECT_NEAR(enzyme::get<1>(enzyme::get<0>(r)), x * x + 3, 1e-15);

  // With the primal result, a constant argument, through a function pointer.
  double (*fp)(double, double) = poly;
  auto rp = enzyme::autodiff<enzyme::ReverseWithPrimal>(fp, enzyme::Active<double>(x),
                                                        enzyme::Const<double>(y));
  EXPECT_NEAR(enzyme::get<0>(enzyme::get<0>(rp)), 2 * x * y, 1e-15);
  EXPECT_NEAR(enzyme::get<1>(rp), poly(x, y), 1e-15);

  // Duplicated memory, an active scalar, an unwrapped int.
  double v[3] = {1, 2, 3}, dv[3] = {0, 0, 0};
  auto rw = enzyme::autodiff<enzyme::Reverse>(weighted, enzyme::Duplicated<const double *>(v, dv),
                                              enzyme::Active<double>(2.0), 3);
  EXPECT_NEAR(enzyme::get<0>(enzyme::get<0>(rw)), 1 + 4 + 9, 1e-15);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(dv[i], 2 * 2.0 * v[i], 1e-15);

  // Outputs through memory (DuplicatedNoNeed) and no active scalar.
  double xs[3] = {1, -1, 2}, dxs[3] = {0, 0, 0}, ys[3], dys[3] = {1, 2, 3};
  enzyme::autodiff<enzyme::Reverse>(scale_into, enzyme::Duplicated<const double *>(xs, dxs),
                                    enzyme::DuplicatedNoNeed<double *>(ys, dys),
                                    enzyme::Const<double>(4.0));
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(dxs[i], 4.0 * (i + 1), 1e-15);

  // Forward: the tangent; with the primal, the tangent then the result.
  auto t = enzyme::autodiff<enzyme::Forward>(poly, enzyme::Duplicated<double>(x, 1.0),
                                             enzyme::Duplicated<double>(y, 2.0));
  EXPECT_NEAR(enzyme::get<0>(t), 2 * x * y + 2 * (x * x + 3), 1e-15);
  auto tp = enzyme::autodiff<enzyme::ForwardWithPrimal>(poly, enzyme::Duplicated<double>(x, 1.0),
                                                        enzyme::Const<double>(y));
  EXPECT_NEAR(enzyme::get<0>(tp), 2 * x * y, 1e-15);
  EXPECT_NEAR(enzyme::get<1>(tp), poly(x, y), 1e-15);

  // A lambda without captures.
  auto sq = [](double z) { return z * z * z; };
  auto rl = enzyme::autodiff<enzyme::Reverse>(sq, enzyme::Active<double>(2.0));
  EXPECT_NEAR(enzyme::get<0>(enzyme::get<0>(rl)), 12.0, 1e-15);
  auto tl = enzyme::autodiff<enzyme::Forward>(sq, enzyme::Duplicated<double>(2.0, 0.5));
  EXPECT_NEAR(enzyme::get<0>(tl), 6.0, 1e-15);
  return adj_report();
}
