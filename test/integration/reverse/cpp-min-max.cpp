// Reverse mode (C++) through std::min, std::max and std::abs on doubles (reference-returning helpers over temporaries, selects, fabs), also inside a loop over a duplicated array; points away from ties.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"
#include <algorithm>
#include <cmath>

struct D2 {
  double dx, dy;
};
extern "C" D2 __enzyme_autodiff2(void *, ...);

static double mm(double x, double y) {
  return std::max(x * y, x + y) + std::min(std::sin(x), std::cos(y)) * 2.0 +
         std::abs(x - 2.0 * y);
}
/* hinge loss plus a smooth term over an array */
static double hinge(const double *x, int n, double margin) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    s += std::max(0.0, margin - x[i] * (i % 2 ? 1.0 : -1.0));
    s += std::min(x[i] * x[i], 1.5);
  }
  return s;
}

#define N 16
static double M = 0.8;
static double g(const double *x) { return hinge(x, N, M); }
static double gm(const double *v) { return mm(v[0], v[1]); }

int main() {
  const double pts[][2] = {{0.3, 1.7}, {2.0, -0.5}, {-1.2, -0.9}, {1.5, 0.1}};
  for (auto &p : pts) {
    double x = p[0], y = p[1];
    D2 d = __enzyme_autodiff2((void *)mm, x, y);
    double ex = (x * y > x + y ? y : 1.0) + (std::sin(x) < std::cos(y) ? 2 * std::cos(x) : 0.0) +
                (x - 2 * y > 0 ? 1.0 : -1.0);
    double ey = (x * y > x + y ? x : 1.0) + (std::sin(x) < std::cos(y) ? 0.0 : -2 * std::sin(y)) +
                (x - 2 * y > 0 ? -2.0 : 2.0);
    EXPECT_NEAR(d.dx, ex, 1e-12);
    EXPECT_NEAR(d.dy, ey, 1e-12);
    double v[2] = {x, y};
    EXPECT_NEAR(d.dx, rev_fd_vec(gm, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.dy, rev_fd_vec(gm, v, 2, 1), 1e-6);
  }
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; ++i)
    x[i] = 1.6 * std::sin(1.3 * i + 0.2);
  double dmargin = __enzyme_autodiff((void *)hinge, enzyme_dup, x, dx, N, M);
  double wm = 0;
  for (int i = 0; i < N; ++i) {
    double sgn = i % 2 ? 1.0 : -1.0, sq = x[i] * x[i];
    bool act = M - x[i] * sgn > 0;
    wm += act ? 1.0 : 0.0;
    double want = (act ? -sgn : 0.0) + (sq < 1.5 ? 2 * x[i] : 0.0);
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  EXPECT_NEAR(dmargin, wm, 1e-12);
  return adj_report();
}
