// Reverse mode with two and three active scalar arguments: the gradient comes back as a struct in argument order (registers and sret).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
typedef struct {
  double dx, dy, dz;
} D3;
D2 __enzyme_autodiff2(void *, ...);
D3 __enzyme_autodiff3(void *, ...);

static double f2(double x, double y) { return x * x * y + sin(x * y) - y / (1.0 + x * x); }
static double f3(double x, double y, double z) {
  return x * y * z + exp(0.3 * x - z) + y * y / (2.0 + z * z);
}

static double g2(const double *v) { return f2(v[0], v[1]); }
static double g3(const double *v) { return f3(v[0], v[1], v[2]); }

int main(void) {
  for (double x = -1.5; x <= 1.5; x += 0.5)
    for (double y = -1.0; y <= 2.0; y += 0.75) {
      D2 d = __enzyme_autodiff2((void *)f2, x, y);
      double q = 1.0 + x * x;
      EXPECT_NEAR(d.dx, 2 * x * y + y * cos(x * y) + 2 * x * y / (q * q), 1e-10);
      EXPECT_NEAR(d.dy, x * x + x * cos(x * y) - 1.0 / q, 1e-10);
      double v[2] = {x, y};
      EXPECT_NEAR(d.dx, rev_fd_vec(g2, v, 2, 0), 1e-6);
      EXPECT_NEAR(d.dy, rev_fd_vec(g2, v, 2, 1), 1e-6);
      for (double z = -1.0; z <= 1.0; z += 1.0) {
        D3 e = __enzyme_autodiff3((void *)f3, x, y, z);
        double w = 2.0 + z * z, ex = exp(0.3 * x - z);
        EXPECT_NEAR(e.dx, y * z + 0.3 * ex, 1e-10);
        EXPECT_NEAR(e.dy, x * z + 2 * y / w, 1e-10);
        EXPECT_NEAR(e.dz, x * y - ex - y * y * 2 * z / (w * w), 1e-10);
        double u[3] = {x, y, z};
        EXPECT_NEAR(e.dx, rev_fd_vec(g3, u, 3, 0), 1e-6);
        EXPECT_NEAR(e.dy, rev_fd_vec(g3, u, 3, 1), 1e-6);
        EXPECT_NEAR(e.dz, rev_fd_vec(g3, u, 3, 2), 1e-6);
      }
    }
  return adj_report();
}
