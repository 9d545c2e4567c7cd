// Reverse mode through copies of structs: memcpy of a struct from an argument into a local,
// struct assignment (*out = *in, which clang emits as memcpy) into an output whose shadow the
// caller seeds, and memcpy of an array of structs into a local array. The copies carry the
// fields' adjoints back to the source shadow. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  double x, y, z;
  double m;
} Body;
#define NB 3

static double local_copy(const Body *b) {
  Body c;
  memcpy(&c, b, sizeof c);
  c.x *= c.m;
  return c.x * c.y + c.z * c.z * c.m;
}
static void assign(const Body *in, Body *out, double s) {
  *out = *in;
  out->x *= s;
  out->m = out->m * out->m;
}
static double array_copy(const Body *b, int n) {
  Body loc[NB];
  memcpy(loc, b, sizeof loc);
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += loc[i].m * (loc[i].x * loc[i].x + loc[i].y * loc[i].y + loc[i].z * loc[i].z);
  return e;
}

int main(void) {
  Body b = {0.5, -1.5, 2.0, 3.0}, db;
  memset(&db, 0, sizeof db);
  __enzyme_autodiff((void *)local_copy, enzyme_dup, &b, &db);
  /* f = x m y + z^2 m */
  EXPECT_NEAR(db.x, b.m * b.y, 1e-15);
  EXPECT_NEAR(db.y, b.x * b.m, 1e-15);
  EXPECT_NEAR(db.z, 2 * b.z * b.m, 1e-15);
  EXPECT_NEAR(db.m, b.x * b.y + b.z * b.z, 1e-15);

  Body out, dout = {1.0, 2.0, 3.0, 4.0}, din;
  memset(&din, 0, sizeof din);
  double s = 1.7;
  double ds = __enzyme_autodiff((void *)assign, enzyme_dup, &b, &din, enzyme_dup, &out, &dout, s);
  EXPECT_NEAR(out.x, b.x * s, 1e-15);
  EXPECT_NEAR(out.m, b.m * b.m, 1e-15);
  EXPECT_NEAR(din.x, 1.0 * s, 1e-15);
  EXPECT_NEAR(din.y, 2.0, 1e-15);
  EXPECT_NEAR(din.z, 3.0, 1e-15);
  EXPECT_NEAR(din.m, 4.0 * 2 * b.m, 1e-15);
  EXPECT_NEAR(ds, 1.0 * b.x, 1e-15);
  EXPECT_NEAR(dout.x + dout.y + dout.z, 0.0, 0.0);
  EXPECT_NEAR(dout.m, 0.0, 0.0);

  Body bs[NB], dbs[NB];
  for (int i = 0; i < NB; ++i) {
    bs[i].x = 0.1 * i + 0.2;
    bs[i].y = -0.3 * i;
    bs[i].z = 1.0 - 0.2 * i;
    bs[i].m = 1.0 + i;
  }
  memset(dbs, 0, sizeof dbs);
  __enzyme_autodiff((void *)array_copy, enzyme_dup, bs, dbs, enzyme_const, NB);
  for (int i = 0; i < NB; ++i) {
    EXPECT_NEAR(dbs[i].x, 2 * bs[i].m * bs[i].x, 1e-15);
    EXPECT_NEAR(dbs[i].y, 2 * bs[i].m * bs[i].y, 1e-15);
    EXPECT_NEAR(dbs[i].z, 2 * bs[i].m * bs[i].z, 1e-15);
    EXPECT_NEAR(dbs[i].m, bs[i].x * bs[i].x + bs[i].y * bs[i].y + bs[i].z * bs[i].z, 1e-15);
  }
  return adj_report();
}
