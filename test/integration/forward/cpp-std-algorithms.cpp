// Forward mode (C++) through <algorithm>/<numeric>: inner_product, transform, accumulate with a lambda, max_element, sort.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <algorithm>
#include <cmath>
#include <numeric>

#define N 7

/* sorts a local copy (active values move around), then a rank-weighted sum plus norms */
static double robust(const double *x) {
  double a[N];
  std::copy(x, x + N, a);
  std::sort(a, a + N);
  double w[N];
  for (int i = 0; i < N; ++i)
    w[i] = i + 1.0;
  double ranked = std::inner_product(a, a + N, w, 0.0);
  double b[N];
  std::transform(a, a + N, b, [](double v) { return std::tanh(v); });
  double sq = std::accumulate(b, b + N, 0.0, [](double acc, double v) { return acc + v * v; });
  double mx = *std::max_element(x, x + N);
  return ranked + sq + mx * mx;
}

int main() {
  double x[N] = {0.3, -1.2, 2.2, 0.9, -0.4, 1.7, 0.05};
  /* sorted order: -1.2 -0.4 0.05 0.3 0.9 1.7 2.2 -> ranks of the inputs (1-based) */
  const int rank[N] = {4, 1, 7, 5, 2, 6, 3};
  for (int j = 0; j < N; ++j) {
    double dx[N] = {0};
    dx[j] = 1.0;
    double d = __enzyme_fwddiff((void *)robust, x, dx);
    double t = std::tanh(x[j]);
    double exact = rank[j] + 2 * t * (1 - t * t) + (j == 2 ? 2 * x[j] : 0.0);
    EXPECT_NEAR(d, exact, 1e-12);
    double xp[N], xm[N], h = 1e-6;
    for (int i = 0; i < N; ++i)
      xp[i] = xm[i] = x[i];
    xp[j] += h;
    xm[j] -= h;
    EXPECT_NEAR(d, (robust(xp) - robust(xm)) / (2 * h), 1e-6);
  }
  return adj_report();
}
