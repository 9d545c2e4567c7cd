// Reverse mode through a long scalar recurrence (logistic map, 200 iterations in the stable regime) w.r.t. the rate and the initial value, against a forward-propagated derivative.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dr, dx;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double logistic(double r, double x, int n) {
  for (int i = 0; i < n; ++i)
    x = r * x * (1.0 - x);
  return x + 0.1 * r;
}
static int NN;
static double g(const double *v) { return logistic(v[0], v[1], NN); }

int main(void) {
  const double rs[] = {1.5, 2.5, 2.9};
  const int ns[] = {1, 10, 200};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      double r = rs[a], x0 = 0.3;
      NN = ns[b];
      D2 d = __enzyme_autodiff2((void *)logistic, r, x0, NN);
      double x = x0, dxr = 0.0, dxx = 1.0;
      for (int i = 0; i < NN; ++i) {
        double f = 1.0 - 2.0 * x;
        dxr = x * (1.0 - x) + r * f * dxr;
        dxx = r * f * dxx;
        x = r * x * (1.0 - x);
      }
      EXPECT_NEAR(d.dr, dxr + 0.1, 1e-12);
      EXPECT_NEAR(d.dx, dxx, 1e-12);
      double v[2] = {r, x0};
      EXPECT_NEAR(d.dr, rev_fd_vec(g, v, 2, 0), 1e-6);
      EXPECT_NEAR(d.dx, rev_fd_vec(g, v, 2, 1), 1e-6);
    }
  return adj_report();
}
