// Reverse mode through a double moved as an integer at a byte offset
// (found by the memory fuzzer, wrong at -O0 and -O1): InstCombine turns an
// 8-byte memmove into an i64 load and store, addressed with an i8 GEP. Such
// moves become copies before differentiation unless their address was
// computed as an integer element; a byte offset was taken for one, so the
// move carried no adjoint and the overwritten value's adjoint was not
// cleared (it flowed into a global that f does not depend on). Covered: the
// memmove over an element set from a global with a named shadow, and a
// memcpy of one double between byte offsets of a local buffer; gradients
// against analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <string.h>

double g = 0.7, g_shadow;
__attribute__((used)) void *__enzyme_shadow_globals[][2] = {{&g, &g_shadow}};

static double over_global(const double *x, double a) {
  double loc[2];
  memcpy(loc, x, sizeof loc);
  loc[1] = g;
  memmove(loc + 1, loc, sizeof(double)); // loc[1] = loc[0]: g is overwritten
  double s = 0;
  for (int i = 0; i < 2; ++i)
    s += loc[i] * loc[i];
  return s + a * a;
}

static double shifted(double *x) {
  double buf[3] = {x[0], x[1], x[2]};
  memcpy((char *)buf + 16, (char *)buf + 8, sizeof(double)); // buf[2] = buf[1]
  return buf[0] * buf[1] + 3 * buf[2] * buf[2];
}

int main(void) {
  double x[3] = {0.3, -0.4, 1.1}, dx[3] = {0};
  g_shadow = 0;
  double da = __enzyme_autodiff((void *)over_global, enzyme_const, x, 0.7);
  EXPECT_NEAR(g_shadow, 0.0, 0.0);
  EXPECT_NEAR(da, 1.4, 1e-15);
  __enzyme_autodiff((void *)shifted, enzyme_dup, x, dx);
  EXPECT_NEAR(dx[0], x[1], 1e-15);
  EXPECT_NEAR(dx[1], x[0] + 6 * x[1], 1e-15);
  EXPECT_NEAR(dx[2], 0.0, 0.0);
  return adj_report();
}
