// Reverse mode through local structs passed by value to inlined helpers and a local array indexed with constants, which SROA turns into values (also at -O0, by the plugin's preparation).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double d[3];
} D3;
D3 __enzyme_autodiff3(void *, ...);

typedef struct {
  double x, y, z;
} Vec;
static Vec cross(Vec a, Vec b) {
  Vec r = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  return r;
}
static double dotv(Vec a, Vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

/* |a x b|^2 + a.b with b const-built from the inputs too */
static double geom(double u, double v, double w) {
  Vec a = {u, v, w};
  Vec b = {v * w, 1.0, u - w};
  Vec c = cross(a, b);
  return dotv(c, c) + dotv(a, b);
}
static double g(const double *p) { return geom(p[0], p[1], p[2]); }

/* a local array written and read with constant indices (a loop over it would keep it in
   memory at -O0, which reverse mode does not support yet) */
static double arr(double u, double v, double w) {
  double t[4];
  t[0] = u * v;
  t[1] = sin(t[0]) + w;
  t[2] = t[1] * t[0];
  t[3] = exp(-t[2] * 0.1);
  return t[0] + 2.0 * t[1] + 3.0 * t[2] + 4.0 * t[3];
}
static double h(const double *p) { return arr(p[0], p[1], p[2]); }

int main(void) {
  const double pts[][3] = {{0.5, -0.3, 1.2}, {1.1, 0.4, -0.7}, {-1.3, 2.0, 0.6}};
  for (int i = 0; i < 3; ++i) {
    D3 d = __enzyme_autodiff3((void *)geom, pts[i][0], pts[i][1], pts[i][2]);
    D3 e = __enzyme_autodiff3((void *)arr, pts[i][0], pts[i][1], pts[i][2]);
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(d.d[k], rev_fd_vec(g, pts[i], 3, k), 1e-6);
      EXPECT_NEAR(e.d[k], rev_fd_vec(h, pts[i], 3, k), 1e-6);
    }
  }
  return adj_report();
}
