// Forward mode (and reverse mode, by the dot-product identity) through a
// local std::vector of pointers (issue 10, classes found by the C++ fuzzer):
//  - the pointers point into duplicated data, a local and enzyme_const data:
//    the shadow of a pointer into constant data is null, and a tangent
//    loaded through it once dereferenced null; it now reads zero;
//  - at -O2 the vector's growth copies its pointers as integers (ptrtoint,
//    store i64), which left null shadows behind; pointers stored as
//    integers are now stored as pointers before differentiation.
// Checked against central differences along a direction, and
// <v, gradient> against the tangent.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <array>
#include <cmath>
#include <vector>

using A = std::array<double, 5>;

static double gather(const A &x, double a, const double *table) {
  std::vector<const double *> p;
  p.push_back(&a);
  p.push_back(&x[3]);
  p.push_back(table + 1);
  p.push_back(&x[4]);
  p.push_back(table);
  double s = 0.25;
  for (size_t i = 0; i < p.size(); ++i)
    s += 0.3 * std::sin(*p[i]) * (1.0 + 0.1 * i) * x[i];
  return s;
}

static const double table[2] = {0.7, -1.3};
static A x0 = {-1.0, -0.5, 0.5, 0.3, 0.25}, vx = {0.1, -0.05, 0.7, -0.5, -0.6};
static double a0 = 0.3, va = -0.8;
static double along(double t) {
  A xt = x0;
  for (int i = 0; i < 5; ++i)
    xt[i] += t * vx[i];
  return gather(xt, a0 + t * va, table);
}

int main() {
  double tangent = __enzyme_fwddiff((void *)gather, enzyme_dup, &x0, &vx, a0, va, enzyme_const,
                                    table);
  EXPECT_NEAR(tangent, adj_fd(along, 0.0), 1e-6);
  A gx{};
  typedef struct { double da; } D;
  D d = ((D(*)(void *, ...))__enzyme_autodiff)((void *)gather, enzyme_dup, &x0, &gx, a0,
                                                enzyme_const, table);
  double dot = d.da * va;
  for (int i = 0; i < 5; ++i)
    dot += gx[i] * vx[i];
  EXPECT_NEAR(dot, tangent, 1e-12);
  return adj_report();
}
