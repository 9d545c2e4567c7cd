// Pointers into enzyme_const data stored in memory that has a shadow (a
// lambda's captures, a struct of pointers) leave a null shadow there. Each
// derivative guards the loads and stores through such pointers; these cases
// cross function boundaries, which once segfaulted at -O0 (issue 10, found by
// the C++ fuzzer):
//  - a [&] lambda capturing a constant std::array and an active scalar: the
//    lambda's derivative loaded the array's (null) shadow from the closure;
//  - operator[] on a constant array, its (inactive) result passed on by
//    reference: the caller gave the result null tangent lanes anyway;
//  - a struct of pointers, one constant, filled by the caller or by a callee
//    (which then leaves the null shadow behind for its caller), copied, and
//    read by a noinline callee;
//  - a constant std::vector copied inside the function;
//  - the same struct passed to a recursive function, in reverse mode.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <array>
#include <cmath>
#include <cstring>
#include <vector>

using A = std::array<double, 3>;

static double lambdas(const A &w, double a) {
  auto weigh = [&](const double &t) { return w[0] * t + w[2] * std::sin(t) * a; };
  auto plus = [&](double t) { return t * a + w[1]; };
  return weigh(a) + 0.5 * weigh(w[1]) + plus(a * a);
}

template <typename T> static T pick(T u, const T &k) { return k * u * u; }
static double through_reference(double a, const A &w) { return pick(a, w[2]) + pick(w[1], w[0]); }

struct View {
  const double *w;
  double *x;
  int n;
};

__attribute__((noinline)) static double weighted(const View &v) {
  double s = 0;
  for (int i = 0; i < v.n; ++i)
    s += v.w[i] * v.x[i] * v.x[i];
  return s;
}

__attribute__((noinline)) static void bind(View &v, const double *w, double *x, int n) {
  v.w = w;
  v.x = x;
  v.n = n;
}

// The struct is filled here (a null shadow for w), copied, and read by a
// callee; the second one is filled by a callee.
static double views(const double *w, double *x) {
  View v{w, x, 3};
  View copy;
  std::memcpy(&copy, &v, sizeof v);
  View bound;
  bind(bound, w, x, 3);
  return weighted(copy) + 2 * weighted(bound) + bound.w[0] * bound.x[1];
}

static double vector_copy(const std::vector<double> &c, double a) {
  std::vector<double> local = c;
  double s = 0;
  for (double e : local)
    s += e * a * a;
  return s;
}

__attribute__((noinline)) static double recurse(const View &v, int i) {
  if (i == v.n)
    return 0;
  return v.w[i] * std::sin(v.x[i]) + recurse(v, i + 1);
}
static double recursive_views(const double *w, double *x) {
  View v{w, x, 3};
  return recurse(v, 0);
}

int main() {
  A w{0.5, -1.5, 2};
  double a = 0.7;
  // lambdas: w0 a + w2 sin(a) a + 0.5 (w0 w1 + w2 sin(w1) a) + a^3 + w1
  double dl = w[0] + w[2] * (std::cos(a) * a + std::sin(a)) + 0.5 * w[2] * std::sin(w[1]) +
              3 * a * a;
  EXPECT_NEAR(__enzyme_fwddiff((void *)lambdas, enzyme_const, &w, a, 1.0), dl, 1e-12);
  EXPECT_NEAR(__enzyme_autodiff((void *)lambdas, enzyme_const, &w, a), dl, 1e-12);
  EXPECT_NEAR(__enzyme_fwddiff((void *)through_reference, a, 1.0, enzyme_const, &w),
              2 * w[2] * a, 1e-12);

  double wt[3] = {1, -2, 0.5}, x[3] = {0.3, -0.4, 1.1}, dx[3] = {1, 0.5, -1};
  // views: 3 sum w_i x_i^2 + w0 x1
  double dv = 0;
  for (int i = 0; i < 3; ++i)
    dv += 3 * wt[i] * 2 * x[i] * dx[i];
  dv += wt[0] * dx[1];
  EXPECT_NEAR(__enzyme_fwddiff((void *)views, enzyme_const, wt, enzyme_dup, x, dx), dv, 1e-12);
  double gx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)views, enzyme_const, wt, enzyme_dup, x, gx);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(gx[i], 6 * wt[i] * x[i] + (i == 1 ? wt[0] : 0), 1e-12);

  std::vector<double> c{1, 2, 4};
  EXPECT_NEAR(__enzyme_fwddiff((void *)vector_copy, enzyme_const, &c, a, 1.0), 7 * 2 * a, 1e-12);

  double dr = 0;
  for (int i = 0; i < 3; ++i)
    dr += wt[i] * std::cos(x[i]) * dx[i];
  EXPECT_NEAR(__enzyme_fwddiff((void *)recursive_views, enzyme_const, wt, enzyme_dup, x, dx), dr,
              1e-12);
  double gr[3] = {0, 0, 0};
  __enzyme_autodiff((void *)recursive_views, enzyme_const, wt, enzyme_dup, x, gr);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(gr[i], wt[i] * std::cos(x[i]), 1e-12);
  return adj_report();
}
