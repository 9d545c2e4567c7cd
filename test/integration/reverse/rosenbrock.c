// Reverse mode gradient of the n-dimensional Rosenbrock function (dup array, coupled neighbours) against its analytic gradient, for several n.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double rosen(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i + 1 < n; ++i) {
    double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
    f += 100.0 * a * a + b * b;
  }
  return f;
}

#define NMAX 30
static int NN;
static double g(const double *x) { return rosen(x, NN); }

int main(void) {
  double x[NMAX], dx[NMAX];
  for (NN = 2; NN <= NMAX; NN += 7) {
    for (int i = 0; i < NN; ++i) {
      x[i] = 0.5 + 0.4 * sin(1.7 * i);
      dx[i] = 0.0;
    }
    __enzyme_autodiff((void *)rosen, enzyme_dup, x, dx, NN);
    for (int i = 0; i < NN; ++i) {
      double want = 0.0;
      if (i + 1 < NN)
        want += -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i]);
      if (i > 0)
        want += 200.0 * (x[i] - x[i - 1] * x[i - 1]);
      EXPECT_NEAR(dx[i], want, 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(g, x, NN, i), 1e-6);
    }
  }
  return adj_report();
}
