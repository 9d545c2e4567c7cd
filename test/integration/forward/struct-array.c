// Forward mode over an array of structs (array-of-structs layout, strided active fields).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double x, y;
  int flags;
  double w;
} Point;

#define N 5

/* weighted centroid distance: sum_i w_i * |p_i - c|^2, c = weighted mean */
static double spread(const Point *p) {
  double sw = 0, cx = 0, cy = 0;
  for (int i = 0; i < N; ++i) {
    sw += p[i].w;
    cx += p[i].w * p[i].x;
    cy += p[i].w * p[i].y;
  }
  cx /= sw;
  cy /= sw;
  double s = 0;
  for (int i = 0; i < N; ++i) {
    if (p[i].flags & 1) /* flagged points are ignored in the spread */
      continue;
    double dx = p[i].x - cx, dy = p[i].y - cy;
    s += p[i].w * (dx * dx + dy * dy);
  }
  return s;
}

static Point pts[N] = {{0.0, 1.0, 0, 1.0}, {1.0, 0.5, 1, 2.0}, {-0.5, -0.3, 0, 0.5},
                       {2.0, 1.5, 0, 1.5}, {0.7, -1.0, 0, 0.8}};

int main(void) {
  for (int i = 0; i < N; ++i) {
    for (int f = 0; f < 3; ++f) {
      Point dp[N] = {{0}};
      double *slot = f == 0 ? &dp[i].x : f == 1 ? &dp[i].y : &dp[i].w;
      *slot = 1.0;
      double d = __enzyme_fwddiff((void *)spread, pts, dp);

      Point pp[N], pm[N];
      for (int k = 0; k < N; ++k)
        pp[k] = pm[k] = pts[k];
      double h = 1e-6;
      double *sp = f == 0 ? &pp[i].x : f == 1 ? &pp[i].y : &pp[i].w;
      double *sm = f == 0 ? &pm[i].x : f == 1 ? &pm[i].y : &pm[i].w;
      *sp += h;
      *sm -= h;
      EXPECT_NEAR(d, (spread(pp) - spread(pm)) / (2 * h), 1e-6);
    }
  }
  return adj_report();
}
