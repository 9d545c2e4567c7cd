// Reverse mode through a struct holding a pointer to its data ({int n; double *data; double
// scale;}): the shadow struct's data field points to the shadow array (built by the caller),
// its scale field receives the scale's gradient; an array of such structs (a ragged
// collection); and a function that writes through the struct's data pointer in place.
// Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  int n;
  double *data;
  double scale;
} Vec;

static double norm2(const Vec *v) {
  double s = 0;
  for (int i = 0; i < v->n; ++i)
    s += v->data[i] * v->data[i];
  return v->scale * s;
}
static double ragged(const Vec *vs, int m) {
  double s = 0;
  for (int k = 0; k < m; ++k)
    s += norm2(&vs[k]) * (k + 1);
  return s;
}
/* data[i] <- scale * data[i]^2; returns sum of the new data */
static double square_scale(Vec *v) {
  double s = 0;
  for (int i = 0; i < v->n; ++i) {
    v->data[i] = v->scale * v->data[i] * v->data[i];
    s += v->data[i];
  }
  return s;
}

int main(void) {
  double d0[3] = {0.5, -1.0, 2.0}, d1[1] = {0.7}, d2[4] = {0.1, 0.2, -0.3, 0.4};
  double g0[3] = {0}, g1[1] = {0}, g2[4] = {0};
  Vec vs[3] = {{3, d0, 1.5}, {1, d1, -0.5}, {4, d2, 2.0}};
  Vec dvs[3] = {{3, g0, 0.0}, {1, g1, 0.0}, {4, g2, 0.0}};
  __enzyme_autodiff((void *)ragged, enzyme_dup, vs, dvs, enzyme_const, 3);
  double *ds[3] = {d0, d1, d2}, *gs[3] = {g0, g1, g2};
  for (int k = 0; k < 3; ++k) {
    double s = 0;
    for (int i = 0; i < vs[k].n; ++i) {
      EXPECT_NEAR(gs[k][i], (k + 1) * vs[k].scale * 2 * ds[k][i], 1e-14);
      s += ds[k][i] * ds[k][i];
    }
    EXPECT_NEAR(dvs[k].scale, (k + 1) * s, 1e-14);
    EXPECT_NEAR((double)(dvs[k].data == gs[k]), 1.0, 0.0);
  }

  double e[3] = {0.5, -1.0, 2.0}, ge[3] = {0};
  Vec v = {3, e, 1.5}, dv = {3, ge, 0.0};
  __enzyme_autodiff((void *)square_scale, enzyme_dup, &v, &dv);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(e[i], 1.5 * d0[i] * d0[i], 1e-15);
    EXPECT_NEAR(ge[i], 2 * 1.5 * d0[i], 1e-14);
  }
  EXPECT_NEAR(dv.scale, 0.25 + 1.0 + 4.0, 1e-14);
  return adj_report();
}
