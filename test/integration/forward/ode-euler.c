// Forward mode through an explicit Euler integrator: sensitivity of the final state to a parameter and the initial state.
// RUN: %check-program %s
#include "adjoint_test.h"

/* damped pendulum: theta' = omega, omega' = -k sin(theta) - c omega */
static void rhs(const double *s, double k, double c, double *ds) {
  ds[0] = s[1];
  ds[1] = -k * sin(s[0]) - c * s[1];
}

static void integrate(double *state, double k, double c, int steps, double dt) {
  double d[2];
  for (int i = 0; i < steps; ++i) {
    rhs(state, k, c, d);
    state[0] += dt * d[0];
    state[1] += dt * d[1];
  }
}

static double final_angle(double k) {
  double s[2] = {1.0, 0.0};
  integrate(s, k, 0.1, 200, 0.01);
  return s[0];
}

/* linear decay y' = -a y: Euler gives y_n = y0 (1 - a dt)^n exactly */
static double decay(double a) {
  double y = 2.0;
  for (int i = 0; i < 50; ++i)
    y += 0.02 * (-a * y);
  return y;
}

int main(void) {
  for (double k = 0.5; k <= 4.0; k += 0.5) {
    double d = __enzyme_fwddiff((void *)final_angle, k, 1.0);
    EXPECT_NEAR(d, adj_fd(final_angle, k), 1e-6);
  }
  /* sensitivity to the initial state through the pointer argument */
  double s[2] = {0.8, -0.2}, ds[2] = {1.0, 0.0};
  __enzyme_fwddiff((void *)integrate, enzyme_dup, s, ds, enzyme_const, 2.0, enzyme_const, 0.3,
                   100, enzyme_const, 0.01);
  double h = 1e-6, sp[2] = {0.8 + h, -0.2}, sm[2] = {0.8 - h, -0.2};
  integrate(sp, 2.0, 0.3, 100, 0.01);
  integrate(sm, 2.0, 0.3, 100, 0.01);
  EXPECT_NEAR(ds[0], (sp[0] - sm[0]) / (2 * h), 1e-6);
  EXPECT_NEAR(ds[1], (sp[1] - sm[1]) / (2 * h), 1e-6);
  for (double a = 0.1; a <= 2.0; a += 0.3) {
    double d = __enzyme_fwddiff((void *)decay, a, 1.0);
    EXPECT_NEAR(d, 2.0 * 50 * pow(1 - 0.02 * a, 49) * -0.02, 1e-12);
  }
  return adj_report();
}
