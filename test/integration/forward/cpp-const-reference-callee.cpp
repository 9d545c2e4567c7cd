// Forward mode through callees that take an enzyme_const argument and return
// a pointer into it (issue 10, bug 2): at -O0, std::array::operator[] on a
// constant array is a call whose result the caller once took for a pointer
// with a shadow, while the callee's derivative returned none, and the caller
// loaded a tangent through a null pointer. The caller now asks the callee's
// own activity analysis whether the result carries a derivative. Covered:
// std::array by const reference (one argument duplicated, one constant), a
// member function returning a reference into constant data, and a helper
// returning a pointer into a constant table chosen by index.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <array>

using A = std::array<double, 3>;

static double dot(const A &a, const A &b) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += a[i] * b[i];
  return s;
}

struct Weights {
  double w[4];
  const double &at(int i) const { return w[i]; }
};
static double weighted(const double *x, const Weights &k) {
  double s = 0;
  for (int i = 0; i < 4; ++i)
    s += k.at(i) * x[i] * x[i];
  return s;
}

static const double *row(const double *table, int i) { return table + 2 * i; }
static double rows(double t, const double *table) {
  return row(table, 0)[1] * t + row(table, 1)[0] * t * t;
}

int main() {
  A a{1, 2, 3}, da{1, 0.5, -2}, b{4, 5, 6};
  EXPECT_NEAR(__enzyme_fwddiff((void *)dot, enzyme_dup, &a, &da, enzyme_const, &b),
              4 * 1 + 5 * 0.5 - 6 * 2, 1e-14);
  EXPECT_NEAR(__enzyme_fwddiff((void *)dot, enzyme_const, &a, enzyme_dup, &b, &da),
              1 * 1 + 2 * 0.5 - 3 * 2, 1e-14);
  Weights k{{0.5, -1, 2, 3}};
  double x[4] = {1, 2, -1, 0.5}, dx[4] = {1, 0, 0, 2};
  EXPECT_NEAR(__enzyme_fwddiff((void *)weighted, enzyme_dup, x, dx, enzyme_const, &k),
              0.5 * 2 * 1 * 1 + 3 * 2 * 0.5 * 2, 1e-14);
  double table[4] = {1, 2, 3, 4};
  EXPECT_NEAR(__enzyme_fwddiff((void *)rows, 0.7, 1.0, enzyme_const, table),
              2 + 2 * 3 * 0.7, 1e-14);
  return adj_report();
}
