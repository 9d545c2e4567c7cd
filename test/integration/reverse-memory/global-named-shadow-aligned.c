// A global struct with a named shadow, accessed with vector instructions at
// -O2 (found by the memory fuzzer: a segfault at -O2 and -O3). The primal
// global is 16-byte aligned and its shadow was not, while the shadow's
// accesses take the primal's alignment; a named shadow defined here is now
// aligned like its global (one declared elsewhere with less alignment is an
// error). Gradient against a central difference.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double p, q, r;
} S3;
static S3 g_s, g_s_shadow;
__attribute__((used)) void *__enzyme_shadow_globals[][2] = {{&g_s, &g_s_shadow}};

static double f(double a) {
  S3 sa = {a * a, sin(a), cos(a)};
  S3 sb = sa;
  g_s = sb;
  g_s.q = g_s.q * 0.362;
  sb = g_s;
  return sb.p * sa.q + sb.r;
}

int main(void) {
  for (double a = -0.9; a < 1.0; a += 0.4)
    EXPECT_NEAR(__enzyme_autodiff((void *)f, a), adj_fd(f, a), 1e-7);
  return adj_report();
}
