// Reverse mode of scalar code with several return statements in nested if/else and a switch on an int argument with fallthrough (each return seeds the reverse pass from its own block).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double classify(double x, double y) {
  if (x > 0.0) {
    if (y > x)
      return x * y * y;
    if (y > 0.0)
      return exp(x - y);
    return x / (1.0 + y * y);
  }
  if (y > 1.0)
    return sin(x) * y;
  return x * x + y;
}
static double sw(double x, double y, int mode) {
  double r = 0.0;
  switch (mode) {
  case 0:
    r += x * y; /* fallthrough */
  case 1:
    r += sin(x);
    break;
  case 2:
    return cos(y) * x;
  case 3:
  case 4:
    r = x * x * y;
    break;
  default:
    r = y;
  }
  return r * 2.0;
}
static int MODE;
static double gc(const double *v) { return classify(v[0], v[1]); }
static double gs(const double *v) { return sw(v[0], v[1], MODE); }

int main(void) {
  const double pts[][2] = {{0.5, 1.5},  {1.5, 0.5}, {1.0, -0.7}, {-0.8, 2.0},
                           {-0.5, 0.3}, {2.0, 3.0}, {0.3, -2.0}};
  for (int k = 0; k < 7; ++k) {
    double v[2] = {pts[k][0], pts[k][1]};
    D2 d = __enzyme_autodiff2((void *)classify, v[0], v[1]);
    EXPECT_NEAR(d.dx, rev_fd_vec(gc, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.dy, rev_fd_vec(gc, v, 2, 1), 1e-6);
    for (MODE = 0; MODE <= 5; ++MODE) {
      D2 e = __enzyme_autodiff2((void *)sw, v[0], v[1], MODE);
      EXPECT_NEAR(e.dx, rev_fd_vec(gs, v, 2, 0), 1e-6);
      EXPECT_NEAR(e.dy, rev_fd_vec(gs, v, 2, 1), 1e-6);
    }
  }
  /* analytic spot checks */
  D2 a = __enzyme_autodiff2((void *)classify, 0.5, 1.5);
  EXPECT_NEAR(a.dx, 2.25, 1e-14);
  EXPECT_NEAR(a.dy, 1.5, 1e-14);
  D2 b = __enzyme_autodiff2((void *)sw, 0.5, 1.5, 0);
  EXPECT_NEAR(b.dx, 2 * (1.5 + cos(0.5)), 1e-14);
  EXPECT_NEAR(b.dy, 1.0, 1e-14);
  return adj_report();
}
