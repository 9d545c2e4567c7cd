// Reverse mode gradient of an n-body potential energy w.r.t. an array of structs {x, y, z, mass} read through a duplicated pointer (forces in the shadow's position fields, potentials in its mass fields).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double x, y, z, m;
} Body;

static double energy(const Body *b, int n, double soft) {
  double e = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      double r = sqrt(dx * dx + dy * dy + dz * dz + soft * soft);
      e -= b[i].m * b[j].m / r;
    }
  return e;
}

#define N 7
static Body BODIES[N];
static double SOFT = 0.1;
static double g(const double *flat) { return energy((const Body *)flat, N, SOFT); }

int main(void) {
  for (int i = 0; i < N; ++i) {
    BODIES[i].x = cos(1.1 * i) * (1 + 0.2 * i);
    BODIES[i].y = sin(0.9 * i + 0.3);
    BODIES[i].z = 0.3 * i - 1.0;
    BODIES[i].m = 1.0 + 0.1 * i;
  }
  Body db[N] = {{0}};
  double dsoft = __enzyme_autodiff((void *)energy, enzyme_dup, BODIES, db, N, SOFT);
  double wsoft = 0.0;
  for (int i = 0; i < N; ++i) {
    double fx = 0, fy = 0, fz = 0, pm = 0;
    for (int j = 0; j < N; ++j) {
      if (j == i)
        continue;
      double dx = BODIES[i].x - BODIES[j].x, dy = BODIES[i].y - BODIES[j].y,
             dz = BODIES[i].z - BODIES[j].z;
      double r = sqrt(dx * dx + dy * dy + dz * dz + SOFT * SOFT), mm = BODIES[i].m * BODIES[j].m;
      fx += mm * dx / (r * r * r);
      fy += mm * dy / (r * r * r);
      fz += mm * dz / (r * r * r);
      pm -= BODIES[j].m / r;
      if (j > i)
        wsoft += mm * SOFT / (r * r * r);
    }
    EXPECT_NEAR(db[i].x, fx, 1e-12);
    EXPECT_NEAR(db[i].y, fy, 1e-12);
    EXPECT_NEAR(db[i].z, fz, 1e-12);
    EXPECT_NEAR(db[i].m, pm, 1e-12);
  }
  EXPECT_NEAR(dsoft, wsoft, 1e-12);
  const double *flat = (const double *)BODIES;
  const double *dflat = (const double *)db;
  for (int k = 0; k < 4 * N; ++k)
    EXPECT_NEAR(dflat[k], rev_fd_vec(g, flat, 4 * N, k), 1e-6);
  return adj_report();
}
