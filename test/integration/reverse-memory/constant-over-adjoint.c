// A constant stored over a double that carried a derivative must clear its
// adjoint. InstCombine often writes such a constant as an integer: a moved
// double forwarded as its bits (`store i64 4603300315921224040`), or zeros
// of two doubles as one wide integer. Reverse mode gave integer stores no
// reverse, so the overwritten element's adjoint flowed on to the value that
// was stored there before (memory fuzzer, long-run seed 200711, -O0 and
// -O1). Such a store is now a float store. Against central differences and
// the analytic gradient.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>
#include <string.h>

/* loc = {0.569, 0.569} after the move; t = 2 * 0.569^2; z = tanh(t + a) */
static void moved_constant(double *z, double a) {
  double loc[2];
  for (int i = 0; i < 2; ++i)
    loc[i] = sqrt(1.0 + a * a);
  loc[1] = 0.569;
  memmove(loc, loc + 1, sizeof(double));
  double t = 0.0;
  for (int i = 0; i < 2; ++i)
    t += loc[i] * loc[(i + 1) % 2];
  z[0] = tanh(t + a);
}

/* Both elements overwritten with zeros after being read once: a memset
   of one double is an integer store too. */
static double zeroed_pair(const double *x) {
  double loc[2];
  for (int i = 0; i < 2; ++i)
    loc[i] = x[i] * x[i];
  double s = loc[0] + 3.0 * loc[1];   /* x0^2 + 3 x1^2 */
  memset(&loc[1], 0, sizeof(double));
  loc[0] = 0.0;
  for (int i = 0; i < 2; ++i)
    s += loc[i] * x[i] + sin(loc[i] + x[i]);  /* + sin x0 + sin x1 */
  return s;
}

int main(void) {
  double a = 0.7, z[1] = {0}, dz[1] = {1};
  double da = __enzyme_autodiff((void *)moved_constant, z, dz, a);
  double t = 2 * 0.569 * 0.569;
  EXPECT_NEAR(da, 1 - tanh(t + a) * tanh(t + a), 1e-14);
  double zp[1], zm[1];
  moved_constant(zp, a + 1e-6);
  moved_constant(zm, a - 1e-6);
  EXPECT_NEAR(da, (zp[0] - zm[0]) / 2e-6, 1e-6);

  double x[2] = {0.83, -1.21}, dx[2] = {0, 0};
  __enzyme_autodiff((void *)zeroed_pair, x, dx);
  EXPECT_NEAR(dx[0], 2 * x[0] + cos(x[0]), 1e-14);
  EXPECT_NEAR(dx[1], 6 * x[1] + cos(x[1]), 1e-14);
  return adj_report();
}
