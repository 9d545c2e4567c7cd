// Forward mode through table interpolation: a float-to-int index (fptosi) selects the cell, the weights are active.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 11
static const double grid_y[N] = {0.0, 0.8, 1.5, 1.9, 2.0, 1.7, 1.1, 0.4, -0.2, -0.5, -0.6};

/* piecewise-linear on [0, 1] with N nodes, then a Catmull-Rom-free smooth post map */
static double interp(double x) {
  double t = x * (N - 1);
  int i = (int)t;
  if (i < 0)
    i = 0;
  if (i > N - 2)
    i = N - 2;
  double w = t - i;
  double y = (1.0 - w) * grid_y[i] + w * grid_y[i + 1];
  return y * y + exp(0.1 * y);
}

int main(void) {
  for (double x = 0.013; x < 1.0; x += 0.071) {
    double d = __enzyme_fwddiff((void *)interp, x, 1.0);
    int i = (int)(x * (N - 1));
    double w = x * (N - 1) - i;
    double y = (1 - w) * grid_y[i] + w * grid_y[i + 1];
    double dy = (grid_y[i + 1] - grid_y[i]) * (N - 1);
    EXPECT_NEAR(d, (2 * y + 0.1 * exp(0.1 * y)) * dy, 1e-12);
    EXPECT_NEAR(d, adj_fd(interp, x), 1e-6);
  }
  return adj_report();
}
