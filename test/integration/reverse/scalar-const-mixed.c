// Reverse mode mixing active scalars with enzyme_const doubles and (constant by default) int arguments.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double da, dc;
} D2;
D2 __enzyme_autodiff2(void *, ...);

/* a and c active, b const double, n an int */
static double f(double a, double b, double c, int n) {
  double r = 0.0;
  for (int k = 1; k <= n; ++k)
    r += pow(a, (double)k) * b / k + c * k;
  return r * cos(c) + b * b;
}

static double B = 0.7, C = 0.4;
static int NN = 4;
static double fa(double a) { return f(a, B, C, NN); }
static double fc(double c) { return f(B, B, c, NN); }
static double g(const double *v) { return f(v[0], B, v[1], NN); }

int main(void) {
  for (int n = 1; n <= 5; ++n)
    for (double a = 0.3; a <= 1.5; a += 0.4) {
      NN = n;
      /* only a active: b and c const */
      double da = __enzyme_autodiff((void *)f, a, enzyme_const, B, enzyme_const, C, n);
      double s = 0.0, r = 0.0;
      for (int k = 1; k <= n; ++k) {
        s += pow(a, k - 1.0) * B;
        r += pow(a, (double)k) * B / k + C * k;
      }
      EXPECT_NEAR(da, s * cos(C), 1e-10);
      EXPECT_NEAR(da, adj_fd(fa, a), 1e-6);
      /* only c active (first argument const) */
      double dc = __enzyme_autodiff((void *)f, enzyme_const, B, enzyme_const, B, a, n);
      double rb = 0.0;
      for (int k = 1; k <= n; ++k)
        rb += pow(B, (double)k) * B / k + a * k;
      EXPECT_NEAR(dc, n * (n + 1) / 2.0 * cos(a) - rb * sin(a), 1e-10);
      EXPECT_NEAR(dc, adj_fd(fc, a), 1e-6);
      /* a and c active, b const in the middle */
      D2 d = __enzyme_autodiff2((void *)f, a, enzyme_const, B, C, n);
      EXPECT_NEAR(d.da, s * cos(C), 1e-10);
      EXPECT_NEAR(d.dc, n * (n + 1) / 2.0 * cos(C) - r * sin(C), 1e-10);
      double v[2] = {a, C};
      EXPECT_NEAR(d.da, rev_fd_vec(g, v, 2, 0), 1e-6);
      EXPECT_NEAR(d.dc, rev_fd_vec(g, v, 2, 1), 1e-6);
    }
  return adj_report();
}
