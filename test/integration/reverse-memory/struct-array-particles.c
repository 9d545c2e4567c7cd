// Reverse mode through an array of structs {x, y, vx, vy} updated in place: a few explicit
// time steps with pairwise spring forces and drag, then the final energy. The shadow array of
// structs receives the gradient w.r.t. the initial state (positions and velocities), and a
// constant spring stiffness is passed by value. Against finite differences; and one step as an
// in-place map whose shadow is seeded with the adjoint of the state after it.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  double x, y, vx, vy;
} Particle;
#define NP 4

static void step(Particle *p, int n, double k, double dt) {
  for (int i = 0; i < n; ++i) {
    double fx = -0.3 * p[i].vx, fy = -0.3 * p[i].vy - 1.0;
    for (int j = 0; j < n; ++j) {
      if (j == i)
        continue;
      double dx = p[j].x - p[i].x, dy = p[j].y - p[i].y;
      double r = sqrt(dx * dx + dy * dy);
      double f = k * (r - 1.0) / r;
      fx += f * dx;
      fy += f * dy;
    }
    p[i].vx += dt * fx;
    p[i].vy += dt * fy;
  }
  for (int i = 0; i < n; ++i) {
    p[i].x += dt * p[i].vx;
    p[i].y += dt * p[i].vy;
  }
}
static double simulate(Particle *p, int n, double k) {
  for (int t = 0; t < 5; ++t)
    step(p, n, k, 0.05);
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += 0.5 * (p[i].vx * p[i].vx + p[i].vy * p[i].vy) + p[i].y;
  return e;
}
static double sim_flat(double *s) { return simulate((Particle *)s, NP, 2.0); }
static void step_map(const double *in, double *out) {
  memcpy(out, in, sizeof(Particle) * NP);
  step((Particle *)out, NP, 2.0, 0.05);
}

int main(void) {
  Particle p0[NP], p[NP], dp[NP];
  for (int i = 0; i < NP; ++i) {
    p0[i].x = cos(1.3 * i) + 0.1 * i;
    p0[i].y = sin(0.7 * i + 0.2);
    p0[i].vx = 0.1 * i - 0.2;
    p0[i].vy = 0.05 * i;
  }
  memcpy(p, p0, sizeof p);
  memset(dp, 0, sizeof dp);
  __enzyme_autodiff((void *)simulate, enzyme_dup, p, dp, enzyme_const, NP, enzyme_const, 2.0);
  const double *g = (const double *)dp;
  for (int i = 0; i < 4 * NP; ++i)
    EXPECT_NEAR(g[i], rm_fd(sim_flat, (const double *)p0, 4 * NP, i), 1e-6);

  /* one step as a map of the state (in place): seed the adjoint of the state after the step;
     dp returns the adjoint of the state before it, J^T seed */
  memcpy(p, p0, sizeof p);
  double seed[4 * NP];
  for (int i = 0; i < 4 * NP; ++i)
    seed[i] = 1.0 - 0.3 * i;
  memcpy(dp, seed, sizeof dp);
  __enzyme_autodiff((void *)step, enzyme_dup, p, dp, enzyme_const, NP, enzyme_const, 2.0,
                    enzyme_const, 0.05);
  for (int i = 0; i < 4 * NP; ++i)
    EXPECT_NEAR(g[i], rm_fd_out(step_map, (const double *)p0, 4 * NP, 4 * NP, seed, i), 1e-6);
  return adj_report();
}
