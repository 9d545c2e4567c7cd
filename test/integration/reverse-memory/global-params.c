// Reverse mode with a global read-only parameter array: static double params[4] is written by
// main before the gradient call and only read inside the differentiated function; the
// gradient is taken w.r.t. x only. main changes the parameters and takes the gradient again
// (the values must be read at run time, not folded), and the parameters are left unchanged.
// A second function reads the parameters through a pointer to the global passed to a
// noinline helper. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
static double params[4];

/* sum_i p2 (p0 x_i + p1)^2 + p3 sin(x_i) */
static double model(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i) {
    double t = params[0] * x[i] + params[1];
    s += params[2] * t * t + params[3] * sin(x[i]);
  }
  return s;
}
__attribute__((noinline)) static double poly(const double *c, double v) {
  return ((c[3] * v + c[2]) * v + c[1]) * v + c[0];
}
/* sum_i exp(-poly(params, x_i)^2) */
static double gauss(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i) {
    double p = poly(params, x[i]);
    s += exp(-p * p);
  }
  return s;
}

static void set(double a, double b, double c, double e) {
  params[0] = a;
  params[1] = b;
  params[2] = c;
  params[3] = e;
}
static void check_model(const double *x) {
  double d[N] = {0};
  double saved[4] = {params[0], params[1], params[2], params[3]};
  __enzyme_autodiff((void *)model, x, d);
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(params[k], saved[k], 0);
  for (int i = 0; i < N; ++i) {
    double want = 2 * params[2] * params[0] * (params[0] * x[i] + params[1]) +
                  params[3] * cos(x[i]);
    EXPECT_NEAR(d[i], want, 1e-13);
    EXPECT_NEAR(d[i], rev_fd_vec(model, x, N, i), 1e-6);
  }
}

int main(void) {
  double x[N] = {0.2, -0.6, 1.3, 0.45, -1.1};
  set(1.5, -0.25, 0.8, 2.0);
  check_model(x);
  set(-0.7, 1.25, 0.3, -1.0);
  check_model(x);

  set(0.1, 0.5, -0.3, 0.2);
  double dg[N] = {0};
  __enzyme_autodiff((void *)gauss, x, dg);
  for (int i = 0; i < N; ++i) {
    double v = x[i], p = poly(params, v);
    double dp = (3 * params[3] * v + 2 * params[2]) * v + params[1];
    EXPECT_NEAR(dg[i], -2 * p * dp * exp(-p * p), 1e-14);
    EXPECT_NEAR(dg[i], rev_fd_vec(gauss, x, N, i), 1e-6);
  }
  return adj_report();
}
