// Forward mode (C++) on std::array<double, N> passed by reference, with a shadow std::array.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <array>
#include <numeric>

using Vec = std::array<double, 5>;

static double rosenbrock(const Vec &v) {
  double s = 0.0;
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    double a = v[i + 1] - v[i] * v[i], b = 1.0 - v[i];
    s += 100.0 * a * a + b * b;
  }
  return s;
}

static void scale_out(const Vec &in, Vec &out) {
  double total = std::accumulate(in.begin(), in.end(), 0.0);
  for (std::size_t i = 0; i < in.size(); ++i)
    out[i] = in[i] / total;
}

int main() {
  Vec v = {0.5, 1.2, -0.3, 0.8, 1.1};
  for (std::size_t j = 0; j < v.size(); ++j) {
    Vec dv{};
    dv[j] = 1.0;
    double d = __enzyme_fwddiff((void *)rosenbrock, &v, &dv);
    double exact = 0.0;
    if (j + 1 < v.size())
      exact += -400.0 * v[j] * (v[j + 1] - v[j] * v[j]) - 2.0 * (1.0 - v[j]);
    if (j > 0)
      exact += 200.0 * (v[j] - v[j - 1] * v[j - 1]);
    EXPECT_NEAR(d, exact, 1e-10);
    Vec vp = v, vm = v;
    double h = 1e-6;
    vp[j] += h;
    vm[j] -= h;
    EXPECT_NEAR(d, (rosenbrock(vp) - rosenbrock(vm)) / (2 * h), 1e-6);

    Vec out, dout;
    dout.fill(5.0);
    __enzyme_fwddiff((void *)scale_out, &v, &dv, &out, &dout);
    double total = std::accumulate(v.begin(), v.end(), 0.0);
    for (std::size_t i = 0; i < v.size(); ++i)
      EXPECT_NEAR(dout[i], ((i == j) ? 1.0 : 0.0) / total - v[i] / (total * total), 1e-12);
  }
  return adj_report();
}
