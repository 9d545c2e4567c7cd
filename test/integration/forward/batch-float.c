// Batch forward mode (width 3) on a single-precision function with float tangents returned as a struct of floats.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  float d[3];
} fvec3;
fvec3 __enzyme_fwddiff_f3(void *, ...);

static float f(const float *p) { return p[0] * p[1] + sinf(p[2]) * p[0]; }

int main(void) {
  float p[3] = {0.5f, -1.25f, 0.75f};
  float e0[3] = {1, 0, 0}, e1[3] = {0, 1, 0}, e2[3] = {0, 0, 1};
  fvec3 g = __enzyme_fwddiff_f3((void *)f, enzyme_width, 3, enzyme_dup, p, e0, e1, e2);
  EXPECT_NEAR(g.d[0], p[1] + sin((double)p[2]), 1e-6);
  EXPECT_NEAR(g.d[1], p[0], 1e-6);
  EXPECT_NEAR(g.d[2], cos((double)p[2]) * p[0], 1e-6);
  return adj_report();
}
