// Reverse mode of a long straight-line function (a macro expands 256 coupled update steps, over 2000 floating-point operations) against a hand-propagated Jacobian and FD.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff2(void *, ...);

/* one step: x <- 0.9 sin(x) + 0.3 y + 0.01;  y <- 0.8 y + 0.1 x cos(x) (new x) */
#define STEP                                                                               \
  x = 0.9 * sin(x) + 0.3 * y + 0.01;                                                       \
  y = 0.8 * y + 0.1 * x * cos(x);
#define R4(X) X X X X
#define R16(X) R4(R4(X))
#define R256(X) R16(R16(X))

static double chain(double x, double y) {
  R256(STEP)
  return x * y + x;
}
static double g(const double *v) { return chain(v[0], v[1]); }

/* reference: the same recurrence with its 2x2 Jacobian carried along */
static D2 reference(double x, double y) {
  double jxx = 1, jxy = 0, jyx = 0, jyy = 1; /* d(x,y)/d(x0,y0) */
  for (int i = 0; i < 256; ++i) {
    double nx = 0.9 * sin(x) + 0.3 * y + 0.01;
    double ax = 0.9 * cos(x), ay = 0.3;
    double nxx = ax * jxx + ay * jyx, nxy = ax * jxy + ay * jyy;
    double ny = 0.8 * y + 0.1 * nx * cos(nx);
    double bx = 0.1 * (cos(nx) - nx * sin(nx)), by = 0.8;
    double nyx = bx * nxx + by * jyx, nyy = bx * nxy + by * jyy;
    x = nx;
    y = ny;
    jxx = nxx;
    jxy = nxy;
    jyx = nyx;
    jyy = nyy;
  }
  /* out = x y + x */
  D2 r = {(y + 1) * jxx + x * jyx, (y + 1) * jxy + x * jyy};
  return r;
}

int main(void) {
  const double pts[][2] = {{0.5, -0.3}, {1.2, 0.7}, {-2.0, 1.5}, {3.0, -2.0}};
  for (int i = 0; i < 4; ++i) {
    D2 d = __enzyme_autodiff2((void *)chain, pts[i][0], pts[i][1]);
    D2 r = reference(pts[i][0], pts[i][1]);
    EXPECT_NEAR(d.dx, r.dx, 1e-10);
    EXPECT_NEAR(d.dy, r.dy, 1e-10);
    EXPECT_NEAR(d.dx, rev_fd_vec(g, pts[i], 2, 0), 1e-6);
    EXPECT_NEAR(d.dy, rev_fd_vec(g, pts[i], 2, 1), 1e-6);
  }
  return adj_report();
}
