// Reverse mode through a malloc'ed array of structs {double pos, vel; int id; double mass}
// built inside the differentiated function from the input, advanced by a few symplectic
// Euler steps with pairwise spring forces (reads of other elements' fields), reduced to an
// energy, and freed; plus a calloc'ed array of structs whose fields are written piecewise and
// summed. Finite differences and an analytic value.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 4
typedef struct {
  double pos, vel;
  int id;
  double mass;
} P;

/* x[0..N) positions, x[N..2N) velocities */
static double sim(const double *x) {
  P *p = (P *)malloc(N * sizeof(P));
  for (int i = 0; i < N; ++i) {
    p[i].pos = x[i];
    p[i].vel = x[N + i];
    p[i].id = i;
    p[i].mass = 1.0 + 0.5 * i;
  }
  for (int s = 0; s < 3; ++s) {
    for (int i = 0; i < N; ++i) {
      double f = 0;
      for (int j = 0; j < N; ++j)
        if (j != p[i].id)
          f += sin(p[j].pos - p[i].pos);
      p[i].vel += 0.1 * f / p[i].mass;
    }
    for (int i = 0; i < N; ++i)
      p[i].pos += 0.1 * p[i].vel;
  }
  double e = 0;
  for (int i = 0; i < N; ++i)
    e += 0.5 * p[i].mass * p[i].vel * p[i].vel + p[i].pos * p[i].pos;
  free(p);
  return e;
}
/* q[i] = {x_i^2, x_i^3, i, 2}: sum_i q.pos * q.mass + q.vel */
static double fields(const double *x) {
  P *q = (P *)calloc(N, sizeof(P));
  for (int i = 0; i < N; ++i) {
    q[i].pos = x[i] * x[i];
    q[i].id = i;
    q[i].mass = 2.0;
  }
  for (int i = 0; i < N; ++i)
    q[i].vel = q[i].pos * x[i];
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += q[i].pos * q[i].mass + q[i].vel + q[i].id;
  free(q);
  return s;
}

int main(void) {
  double x[2 * N] = {0.1, 0.7, -0.4, 1.2, 0.3, -0.2, 0.5, 0.0};
  double d[2 * N] = {0};
  __enzyme_autodiff((void *)sim, x, d);
  for (int i = 0; i < 2 * N; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(sim, x, 2 * N, i), 1e-6);

  double df[2 * N] = {0};
  __enzyme_autodiff((void *)fields, x, df);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(df[i], 4 * x[i] + 3 * x[i] * x[i], 1e-14);
  return adj_report();
}
