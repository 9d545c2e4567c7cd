// Reverse mode with explicit enzyme_out markers (equivalent to no marker) and an active argument that does not influence the result.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double a, b, c;
} D3;
D3 __enzyme_autodiff3(void *, ...);

/* b is unused: its gradient is exactly 0 */
static double f(double a, double b, double c) {
  (void)b;
  return a * tanh(c) + exp(-a * a);
}
static double g(const double *v) { return f(v[0], v[1], v[2]); }

int main(void) {
  for (double a = -1.0; a <= 1.0; a += 0.5)
    for (double c = -2.0; c <= 2.0; c += 1.0) {
      D3 d1 = __enzyme_autodiff3((void *)f, enzyme_out, a, enzyme_out, 3.0, enzyme_out, c);
      D3 d2 = __enzyme_autodiff3((void *)f, a, 3.0, c);
      double t = tanh(c);
      EXPECT_NEAR(d1.a, t - 2 * a * exp(-a * a), 1e-10);
      EXPECT_NEAR(d1.b, 0.0, 0.0);
      EXPECT_NEAR(d1.c, a * (1 - t * t), 1e-10);
      EXPECT_NEAR(d2.a, d1.a, 0.0);
      EXPECT_NEAR(d2.b, 0.0, 0.0);
      EXPECT_NEAR(d2.c, d1.c, 0.0);
      double v[3] = {a, 3.0, c};
      EXPECT_NEAR(d1.a, rev_fd_vec(g, v, 3, 0), 1e-6);
      EXPECT_NEAR(d1.c, rev_fd_vec(g, v, 3, 2), 1e-6);
    }
  return adj_report();
}
