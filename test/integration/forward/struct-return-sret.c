// Forward mode on a function returning a three-double struct (returned through hidden sret memory in the ABI).
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct {
  double r, theta, z;
} Cyl;
Cyl __enzyme_fwddiff_cyl(void *, ...);

/* cartesian -> cylindrical; the C function has one parameter, the IR has two (sret, p) */
static Cyl to_cyl(const double *p) {
  Cyl c;
  c.r = sqrt(p[0] * p[0] + p[1] * p[1]);
  c.theta = atan2(p[1], p[0]);
  c.z = p[2] * p[2];
  return c;
}

int main(void) {
  double p[3] = {1.2, -0.7, 3.0};
  double dp[3] = {0.5, 1.0, -2.0};
  Cyl d = __enzyme_fwddiff_cyl((void *)to_cyl, p, dp);
  double r = sqrt(p[0] * p[0] + p[1] * p[1]);
  EXPECT_NEAR(d.r, (p[0] * dp[0] + p[1] * dp[1]) / r, 1e-12);
  EXPECT_NEAR(d.theta, (p[0] * dp[1] - p[1] * dp[0]) / (r * r), 1e-12);
  EXPECT_NEAR(d.z, 2 * p[2] * dp[2], 1e-12);
  double h = 1e-6, pp[3], pm[3];
  for (int i = 0; i < 3; ++i) {
    pp[i] = p[i] + h * dp[i];
    pm[i] = p[i] - h * dp[i];
  }
  Cyl cp = to_cyl(pp), cm = to_cyl(pm);
  EXPECT_NEAR(d.r, (cp.r - cm.r) / (2 * h), 1e-6);
  EXPECT_NEAR(d.theta, (cp.theta - cm.theta) / (2 * h), 1e-6);
  EXPECT_NEAR(d.z, (cp.z - cm.z) / (2 * h), 1e-6);
  return adj_report();
}
