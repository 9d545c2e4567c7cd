// Forward mode where active doubles travel through an untyped byte buffer (memcpy into unsigned char[] and back).
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stddef.h>
#include <string.h>

typedef struct {
  double a;
  int tag;
  double b;
} Rec;

/* serialize two records into bytes, deserialize them swapped, combine */
static double roundtrip(const Rec *in) {
  unsigned char buf[2 * sizeof(Rec)];
  memcpy(buf, &in[0], sizeof(Rec));
  memcpy(buf + sizeof(Rec), &in[1], sizeof(Rec));
  Rec out[2];
  memcpy(&out[1], buf, sizeof(Rec));
  memcpy(&out[0], buf + sizeof(Rec), sizeof(Rec));
  double v;
  memcpy(&v, buf + offsetof(Rec, b), sizeof v); /* read one field straight from the bytes */
  return out[0].a * out[1].b + sin(v) * out[0].tag;
}

int main(void) {
  Rec r[2] = {{0.7, 3, -1.2}, {2.0, -1, 0.4}};
  for (int k = 0; k < 4; ++k) {
    Rec dr[2] = {{0, 0, 0}, {0, 0, 0}};
    double *slot = k == 0 ? &dr[0].a : k == 1 ? &dr[0].b : k == 2 ? &dr[1].a : &dr[1].b;
    *slot = 1.0;
    double d = __enzyme_fwddiff((void *)roundtrip, r, dr);
    /* value = r1.a * r0.b + sin(r0.b) * r1.tag */
    double exact = k == 0 ? 0.0 : k == 1 ? r[1].a + cos(r[0].b) * r[1].tag : k == 2 ? r[0].b : 0.0;
    EXPECT_NEAR(d, exact, 1e-12);
  }
  return adj_report();
}
