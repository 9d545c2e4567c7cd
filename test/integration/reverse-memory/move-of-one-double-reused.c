// A memmove of one double whose moved value is also read: at -O1 and above
// InstCombine turns it into `load i64; store i64`, and the loaded integer is
// bitcast back to a double for the reads. Reverse mode sent the adjoint of
// those reads to an integer (lost), and, with the load used twice, did not
// treat the store as a move, so the adjoint of the overwritten element went
// to the wrong input (long-run seed 200273 of the memory fuzzer). The load
// of a reinterpreted integer is now a float load, and the move a copy.
// Against central differences and the analytic gradient.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

static double f(int n, const double *x) {
  double loc[2];
  memcpy(loc, x, sizeof loc);
  loc[0] = 0.5;
  memmove(loc, loc + 1, sizeof(double)); /* loc = {x1, x1} */
  double s = 0.0;
  for (int i = 0; i < 2; ++i)
    s += loc[i] * loc[i];                 /* 2 x1^2 */
  double t = 0.0;
  for (int i = 0; i < n; ++i)
    t += s * loc[1 - i];                  /* 2 x1^2 * 2 x1 = 4 x1^3 */
  return t;
}

int main(void) {
  double x[2] = {0.912, -0.497}, dx[2] = {0, 0};
  __enzyme_autodiff((void *)f, enzyme_const, 2, x, dx);
  EXPECT_NEAR(dx[0], 0.0, 0);
  EXPECT_NEAR(dx[1], 12 * x[1] * x[1], 1e-14);
  double xp[2] = {x[0], x[1] + 1e-6}, xm[2] = {x[0], x[1] - 1e-6};
  EXPECT_NEAR(dx[1], (f(2, xp) - f(2, xm)) / 2e-6, 1e-6);
  return adj_report();
}
