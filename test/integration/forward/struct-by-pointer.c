// Forward mode on a struct passed by pointer with a shadow struct (mixed int and double fields).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  int id;        /* integer field: never differentiated */
  double mass;
  double pos[3];
  double vel[3];
} Particle;

/* kinetic + potential energy */
static double energy(const Particle *p) {
  double v2 = p->vel[0] * p->vel[0] + p->vel[1] * p->vel[1] + p->vel[2] * p->vel[2];
  double r = sqrt(p->pos[0] * p->pos[0] + p->pos[1] * p->pos[1] + p->pos[2] * p->pos[2]);
  return 0.5 * p->mass * v2 - p->mass / r + p->id * 0.0;
}

static Particle p0 = {7, 2.5, {1.0, -0.5, 0.3}, {0.2, 0.1, -0.4}};

int main(void) {
  /* one tangent per double field */
  for (int f = 0; f < 7; ++f) {
    Particle dp = {0, 0.0, {0, 0, 0}, {0, 0, 0}};
    double *fields[7] = {&dp.mass, &dp.pos[0], &dp.pos[1], &dp.pos[2],
                         &dp.vel[0], &dp.vel[1], &dp.vel[2]};
    *fields[f] = 1.0;
    double d = __enzyme_fwddiff((void *)energy, &p0, &dp);

    Particle pp = p0, pm = p0;
    double *fp[7] = {&pp.mass, &pp.pos[0], &pp.pos[1], &pp.pos[2], &pp.vel[0], &pp.vel[1], &pp.vel[2]};
    double *fm[7] = {&pm.mass, &pm.pos[0], &pm.pos[1], &pm.pos[2], &pm.vel[0], &pm.vel[1], &pm.vel[2]};
    double h = 1e-6;
    *fp[f] += h;
    *fm[f] -= h;
    EXPECT_NEAR(d, (energy(&pp) - energy(&pm)) / (2 * h), 1e-6);

    double r = sqrt(1.0 + 0.25 + 0.09);
    double exact;
    if (f == 0)
      exact = 0.5 * (0.04 + 0.01 + 0.16) - 1.0 / r;
    else if (f <= 3)
      exact = p0.mass * p0.pos[f - 1] / (r * r * r);
    else
      exact = p0.mass * p0.vel[f - 4];
    EXPECT_NEAR(d, exact, 1e-12);
  }
  return adj_report();
}
