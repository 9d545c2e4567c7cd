// Reverse mode through a do-while loop, a loop written with goto, and an irregular CFG with several paths joining (phis with three predecessors).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double dowhile(double x, int n) {
  double s = x;
  int i = 0;
  do {
    s = s * 0.9 + sin(s) * 0.2;
    ++i;
  } while (i < n);
  return s;
}
static double gotoloop(double x, double y) {
  double acc = 0.0;
  int i = 0;
again:
  acc += x * i + y * y / (i + 1);
  if (++i < 7)
    goto again;
  if (acc > 100.0)
    goto big;
  return acc * x;
big:
  return acc;
}
/* three-way join */
static double join3(double x, double y) {
  double r;
  if (x > 1.0)
    r = x * y;
  else if (y > 0.0)
    r = exp(x) + y;
  else
    r = sin(x * y);
  return r * r + x;
}
static int NN;
static double fdw(double x) { return dowhile(x, NN); }
static double gg(const double *v) { return gotoloop(v[0], v[1]); }
static double gj(const double *v) { return join3(v[0], v[1]); }

int main(void) {
  for (NN = 1; NN <= 20; NN += 6)
    for (double x = -1.0; x <= 2.0; x += 0.75) {
      double d = __enzyme_autodiff((void *)dowhile, x, NN);
      double s = x, ds = 1.0;
      for (int i = 0; i < NN; ++i) {
        ds = ds * (0.9 + 0.2 * cos(s));
        s = s * 0.9 + sin(s) * 0.2;
      }
      EXPECT_NEAR(d, ds, 1e-12);
      EXPECT_NEAR(d, adj_fd(fdw, x), 1e-6);
    }
  const double pts[][2] = {{0.5, 1.0}, {2.0, -1.0}, {-0.5, -2.0}, {1.5, 0.7}, {4.0, 3.0}};
  for (int k = 0; k < 5; ++k) {
    double v[2] = {pts[k][0], pts[k][1]};
    D2 d = __enzyme_autodiff2((void *)gotoloop, v[0], v[1]);
    EXPECT_NEAR(d.dx, rev_fd_vec(gg, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.dy, rev_fd_vec(gg, v, 2, 1), 1e-6);
    D2 e = __enzyme_autodiff2((void *)join3, v[0], v[1]);
    EXPECT_NEAR(e.dx, rev_fd_vec(gj, v, 2, 0), 1e-6);
    EXPECT_NEAR(e.dy, rev_fd_vec(gj, v, 2, 1), 1e-6);
  }
  return adj_report();
}
