// Reverse mode through an explicit Euler integrator (2000 steps, scalar state) of a damped nonlinear oscillator, gradient w.r.t. the parameters and initial state.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double d[4];
} D4;
D4 __enzyme_autodiff4(void *, ...);

/* x'' = -k sin(x) - c x', integrated to t = 4; returns x(T)^2 + 0.5 v(T) */
static double pendulum(double k, double c, double x0, double v0, int steps) {
  double x = x0, v = v0, dt = 4.0 / steps;
  for (int i = 0; i < steps; ++i) {
    double a = -k * sin(x) - c * v;
    x += dt * v;
    v += dt * a;
  }
  return x * x + 0.5 * v;
}
static int STEPS = 2000;
static double g(const double *p) { return pendulum(p[0], p[1], p[2], p[3], STEPS); }

/* linear test problem with a closed form: y' = -lam y, Euler gives y0 (1 - lam dt)^n */
static double decay(double lam, double y0, int n) {
  double y = y0, dt = 1.0 / n;
  for (int i = 0; i < n; ++i)
    y = y - dt * lam * y;
  return y;
}

int main(void) {
  double p[4] = {2.0, 0.3, 0.8, -0.2};
  D4 d = __enzyme_autodiff4((void *)pendulum, p[0], p[1], p[2], p[3], STEPS);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(d.d[i], rev_fd_vec(g, p, 4, i), 1e-6);

  typedef struct {
    double dl, dy;
  } D2;
  D2 __enzyme_autodiff2(void *, ...);
  for (int n = 10; n <= 10000; n *= 10) {
    double lam = 1.7, y0 = 0.9, dt = 1.0 / n;
    D2 e = __enzyme_autodiff2((void *)decay, lam, y0, n);
    EXPECT_NEAR(e.dy, pow(1 - lam * dt, n), 1e-10);
    EXPECT_NEAR(e.dl, y0 * n * pow(1 - lam * dt, n - 1) * -dt, 1e-10);
  }
  return adj_report();
}
