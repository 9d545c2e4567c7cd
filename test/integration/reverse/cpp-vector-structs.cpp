// Reverse mode (C++) through std::vector of structs that mix doubles and integers (once an
// error: reverse mode could not tell which bytes were doubles): copies of the vector (one
// memmove of its heap buffer, whose elements are read as the struct's members), growth by
// push_back, std::copy, and insertion in the middle (which moves the elements after it).
// Checked against analytic gradients.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

struct Item {
  double w;
  int tag;
};

struct Sample {
  double x;
  int id;
  double w;
};

__attribute__((noinline)) static double pairs(const double *x, int n) {
  std::vector<std::pair<double, int>> v;
  for (int i = 0; i < n; ++i)
    v.push_back({x[i] * 2, i});
  std::vector<std::pair<double, int>> w = v;
  double s = 0;
  for (auto &p : w)
    s += p.first * p.first * (p.second + 1);
  return s;
}

__attribute__((noinline)) static double samples(const double *x, int n) {
  std::vector<Sample> v;
  for (int i = 0; i < n; ++i)
    v.push_back({std::sin(x[i]), i, x[i] * x[i]});
  std::vector<Sample> copy(v.size());
  std::copy(v.begin(), v.end(), copy.begin());
  copy.insert(copy.begin() + 1, Sample{x[0], 7, 0.5});
  double s = 0;
  for (const Sample &e : copy)
    s += e.x * e.w + 0.1 * e.id * e.x;
  return s;
}

// Growth by push_back moves the elements to each new buffer with a memmove.
__attribute__((noinline)) static double items(const double *x) {
  std::vector<Item> v;
  for (int i = 0; i < 6; ++i)
    v.push_back({x[i] * (i + 1), i % 3});
  double s = 0;
  for (const Item &it : v)
    s += it.w * it.w * (it.tag + 1);
  return s;
}

int main() {
  const int n = 4;
  double x[n] = {0.3, -0.7, 1.1, 0.25};
  {
    double dx[n] = {0};
    __enzyme_autodiff((void *)pairs, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < n; ++i)
      EXPECT_NEAR(dx[i], 8 * x[i] * (i + 1), 1e-12);
  }
  {
    double dx[n] = {0};
    __enzyme_autodiff((void *)samples, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < n; ++i) {
      // s_i = sin(x) x^2 + 0.1 i sin(x); the inserted element adds 0.5 x0 + 0.7 x0.
      double want = std::cos(x[i]) * x[i] * x[i] + 2 * x[i] * std::sin(x[i]) +
                    0.1 * i * std::cos(x[i]) + (i == 0 ? 0.5 + 0.7 : 0.0);
      EXPECT_NEAR(dx[i], want, 1e-12);
    }
  }
  {
    double y[6] = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6}, dy[6] = {0};
    __enzyme_autodiff((void *)items, enzyme_dup, y, dy);
    for (int i = 0; i < 6; ++i)
      EXPECT_NEAR(dy[i], 2 * y[i] * (i + 1) * (i + 1) * (i % 3 + 1), 1e-12);
  }
  return adj_report();
}
