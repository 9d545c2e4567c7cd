// Reverse mode with eight active scalar arguments returned in one (sret) struct, plus a const one between them.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double d[8];
} D8;
D8 __enzyme_autodiff8(void *, ...);

static double f(double x0, double x1, double x2, double x3, double k, double x4, double x5,
                double x6, double x7) {
  return x0 * x1 + sin(x2) * x3 + k * x4 * x4 + log(1.0 + x5 * x5) * x6 - x7 / (1.0 + x0 * x0);
}
static double K = 1.25;
static double g(const double *v) { return f(v[0], v[1], v[2], v[3], K, v[4], v[5], v[6], v[7]); }

int main(void) {
  double v[8] = {0.3, -1.2, 0.8, 2.0, -0.4, 1.5, 0.6, -2.2};
  D8 d = __enzyme_autodiff8((void *)f, v[0], v[1], v[2], v[3], enzyme_const, K, v[4], v[5], v[6],
                            v[7]);
  double q = 1.0 + v[0] * v[0];
  double want[8] = {v[1] + v[7] * 2 * v[0] / (q * q),
                    v[0],
                    cos(v[2]) * v[3],
                    sin(v[2]),
                    2 * K * v[4],
                    2 * v[5] / (1.0 + v[5] * v[5]) * v[6],
                    log(1.0 + v[5] * v[5]),
                    -1.0 / q};
  for (int i = 0; i < 8; ++i) {
    EXPECT_NEAR(d.d[i], want[i], 1e-10);
    EXPECT_NEAR(d.d[i], rev_fd_vec(g, v, 8, i), 1e-6);
  }
  return adj_report();
}
