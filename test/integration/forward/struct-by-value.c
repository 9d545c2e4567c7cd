// Forward mode on functions taking structs by value: an 8-byte struct (one register, <2 x float>)
// and a large one (passed in memory, byval). 9-16 byte structs are a diagnostic
// (test/diagnostics/struct-split-registers.c).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  float x, y;
} P2f;
typedef struct {
  double m;
  double pos[3];
  int id;
} Body;

/* 8 bytes: passed as one <2 x float> register */
static float norm2f(P2f p) { return p.x * p.x + 3.0f * p.x * p.y; }

/* large struct: passed in memory (byval) */
static double potential(Body b) { return -b.m / sqrt(b.pos[0] * b.pos[0] + b.pos[1] * b.pos[1] + b.pos[2] * b.pos[2]); }
float __enzyme_fwddiff_f(void *, ...);

int main(void) {
  P2f p = {3.0f, 4.0f}, dp = {1.0f, 0.5f};
  float d = __enzyme_fwddiff_f((void *)norm2f, p, dp);
  /* d = (2x + 3y) dx + 3x dy */
  EXPECT_NEAR(d, (2 * 3.0 + 3 * 4.0) * 1.0 + 3 * 3.0 * 0.5, 1e-6);

  Body b = {2.0, {1.0, 2.0, 2.0}, 7}, db = {0.5, {1.0, 0.0, -1.0}, 0};
  double e = __enzyme_fwddiff((void *)potential, b, db);
  /* r = 3; dV = -dm/r + m (pos . dpos) / r^3 */
  EXPECT_NEAR(e, -0.5 / 3.0 + 2.0 * (1.0 - 2.0) / 27.0, 1e-12);
  double h = 1e-6;
  Body bp = b, bm = b;
  bp.m += h * db.m; bm.m -= h * db.m;
  for (int i = 0; i < 3; ++i) { bp.pos[i] += h * db.pos[i]; bm.pos[i] -= h * db.pos[i]; }
  EXPECT_NEAR(e, (potential(bp) - potential(bm)) / (2 * h), 1e-6);
  return adj_report();
}
