// Reverse mode (C++) through std::clamp and nested std::min(std::max(...)) on temporaries (references to temporaries selected through nested conditionals), scalar and in a loop.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"
#include <algorithm>
#include <cmath>

static double clamp_sq(double x) { return std::clamp(x * x, 0.1, 1.5) + x; }
static double nested(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += std::min(std::max(x[i] * x[i], 0.1), 1.5) * (i + 1);
  return s;
}
static double clamp_loop(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += std::clamp(std::sin(x[i]), -0.5, 0.5);
  return s;
}

#define N 12
static double g(const double *x) { return nested(x, N); }
static double h(const double *x) { return clamp_loop(x, N); }

int main() {
  const double pts[] = {-1.5, -0.7, 0.2, 0.9, 1.4};
  for (double x : pts) {
    double d = __enzyme_autodiff((void *)clamp_sq, x);
    double sq = x * x;
    EXPECT_NEAR(d, (sq > 0.1 && sq < 1.5 ? 2 * x : 0.0) + 1.0, 1e-12);
    EXPECT_NEAR(d, adj_fd(clamp_sq, x), 1e-6);
  }
  double x[N], dx[N] = {0}, dy[N] = {0};
  for (int i = 0; i < N; ++i)
    x[i] = 1.4 * std::cos(0.9 * i + 0.15);
  __enzyme_autodiff((void *)nested, enzyme_dup, x, dx, N);
  __enzyme_autodiff((void *)clamp_loop, enzyme_dup, x, dy, N);
  for (int i = 0; i < N; ++i) {
    double sq = x[i] * x[i], s = std::sin(x[i]);
    EXPECT_NEAR(dx[i], sq > 0.1 && sq < 1.5 ? 2 * x[i] * (i + 1) : 0.0, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
    EXPECT_NEAR(dy[i], s > -0.5 && s < 0.5 ? std::cos(x[i]) : 0.0, 1e-12);
    EXPECT_NEAR(dy[i], rev_fd_vec(h, x, N, i), 1e-6);
  }
  return adj_report();
}
