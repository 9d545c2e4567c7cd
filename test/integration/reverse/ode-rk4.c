// Reverse mode through a classical RK4 integrator (Lotka-Volterra, two scalar state variables, 500 steps, stages in a helper) w.r.t. four parameters; RK4 on y' = a y checked against its closed form.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double d[4];
} D4;
D4 __enzyme_autodiff4(void *, ...);

static void rhs(double a, double b, double c, double d, double x, double y, double *fx,
                double *fy) {
  *fx = a * x - b * x * y;
  *fy = -c * y + d * x * y;
}

/* the stage helper writes its results through pointers to locals: after inlining
   SROA turns them into values */
static double lv(double a, double b, double c, double d) {
  double x = 1.2, y = 0.8, h = 0.01;
  for (int i = 0; i < 500; ++i) {
    double k1x, k1y, k2x, k2y, k3x, k3y, k4x, k4y;
    rhs(a, b, c, d, x, y, &k1x, &k1y);
    rhs(a, b, c, d, x + 0.5 * h * k1x, y + 0.5 * h * k1y, &k2x, &k2y);
    rhs(a, b, c, d, x + 0.5 * h * k2x, y + 0.5 * h * k2y, &k3x, &k3y);
    rhs(a, b, c, d, x + h * k3x, y + h * k3y, &k4x, &k4y);
    x += h / 6.0 * (k1x + 2 * k2x + 2 * k3x + k4x);
    y += h / 6.0 * (k1y + 2 * k2y + 2 * k3y + k4y);
  }
  return x + 2.0 * y;
}
static double g(const double *p) { return lv(p[0], p[1], p[2], p[3]); }

/* y' = a y: one RK4 step multiplies by R(z) = 1 + z + z^2/2 + z^3/6 + z^4/24, z = a h */
static double expo(double a, int n) {
  double y = 1.0, h = 1.0 / n;
  for (int i = 0; i < n; ++i) {
    double k1 = a * y, k2 = a * (y + 0.5 * h * k1), k3 = a * (y + 0.5 * h * k2),
           k4 = a * (y + h * k3);
    y += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return y;
}

int main(void) {
  double p[4] = {1.1, 0.4, 0.9, 0.3};
  D4 d = __enzyme_autodiff4((void *)lv, p[0], p[1], p[2], p[3]);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(d.d[i], rev_fd_vec(g, p, 4, i), 1e-6);
  for (int n = 5; n <= 500; n *= 10)
    for (double a = -1.0; a <= 1.0; a += 0.5) {
      double h = 1.0 / n, z = a * h;
      double R = 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24;
      double dR = h * (1 + z + z * z / 2 + z * z * z / 6);
      double da = __enzyme_autodiff((void *)expo, a, n);
      EXPECT_NEAR(da, n * pow(R, n - 1) * dR, 1e-10);
    }
  return adj_report();
}
