// Forward mode on functions taking structs by value: a small one (split into registers) and a large one (byval memory).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double x, y;
} P2;
typedef struct {
  double m;
  double pos[3];
  int id;
} Body;

/* small struct: passed as two doubles by the ABI */
static double dist_origin(P2 p) { return sqrt(p.x * p.x + p.y * p.y); }

/* large struct: passed in memory (byval) */
static double potential(Body b) { return -b.m / sqrt(b.pos[0] * b.pos[0] + b.pos[1] * b.pos[1] + b.pos[2] * b.pos[2]); }

int main(void) {
  P2 p = {3.0, 4.0}, dp = {1.0, 0.5};
  double d = __enzyme_fwddiff((void *)dist_origin, p, dp);
  EXPECT_NEAR(d, (3.0 * 1.0 + 4.0 * 0.5) / 5.0, 1e-12);

  Body b = {2.0, {1.0, 2.0, 2.0}, 7}, db = {0.5, {1.0, 0.0, -1.0}, 0};
  double e = __enzyme_fwddiff((void *)potential, b, db);
  /* r = 3; dV = -dm/r + m (pos . dpos) / r^3 */
  EXPECT_NEAR(e, -0.5 / 3.0 + 2.0 * (1.0 - 2.0) / 27.0, 1e-12);
  return adj_report();
}
