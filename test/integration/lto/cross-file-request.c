// Multi-file LTO: the request is in this file, the function it
// differentiates (model) and the helper model calls are in Inputs/model.c.
// Each file is compiled to LTO bitcode by plain clang; the plugin runs in
// lld on the linked module, where model is defined, and the derivatives are
// checked against finite differences and the analytic values.
// RUN: %clang -O2 -flto -I/work/main/include -I/work/main/test/integration/include -c %s -o %t.main.o
// RUN: %clang -O2 -flto -I/work/main/include -I/work/main/test/integration/include -c %S/Inputs/model.c -o %t.model.o
// RUN: %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.main.o %t.model.o -o %t.exe -lm
// RUN: %t.exe
// The order of the objects on the link line does not matter.
// RUN: %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.model.o %t.main.o -o %t.rev.exe -lm
// RUN: %t.rev.exe
#include "adjoint_test.h"

/* Defined in Inputs/model.c. */
double model(double x, const double *p);
double model_helper(double u);

static const double p0[3] = {0.7, 1.3, -0.4};
static double model_of_x(double x) { return model(x, p0); }

/* The same derivatives, written by hand. */
static double dhelper(double u) { return (2 * u - u * u) * exp(-u); }
static double dmodel_dx(double x, const double *p) {
  return dhelper(p[0] * x) * p[0] + cos(p[1] * x) * p[1] * p[2];
}
static void dmodel_dp(double x, const double *p, double *g) {
  g[0] = dhelper(p[0] * x) * x;
  g[1] = cos(p[1] * x) * x * p[2];
  g[2] = sin(p[1] * x);
}

int main(void) {
  const double xs[] = {-0.8, 0.3, 1.1, 2.5};
  for (unsigned k = 0; k < sizeof xs / sizeof xs[0]; ++k) {
    double x = xs[k];
    /* d/dx, with p constant. */
    double dx = __enzyme_fwddiff((void *)model, x, 1.0, enzyme_const, p0);
    EXPECT_NEAR(dx, adj_fd(model_of_x, x), 1e-6);
    EXPECT_NEAR(dx, dmodel_dx(x, p0), 1e-12);
    /* d/dp[i], through the shadow of p. */
    double g[3];
    dmodel_dp(x, p0, g);
    for (int i = 0; i < 3; ++i) {
      double dp[3] = {0, 0, 0};
      dp[i] = 1.0;
      double d = __enzyme_fwddiff((void *)model, x, 0.0, p0, dp);
      double pp[3] = {p0[0], p0[1], p0[2]}, pm[3] = {p0[0], p0[1], p0[2]};
      double h = 1e-6;
      pp[i] += h;
      pm[i] -= h;
      EXPECT_NEAR(d, (model(x, pp) - model(x, pm)) / (2 * h), 1e-6);
      EXPECT_NEAR(d, g[i], 1e-12);
    }
    /* The helper from the other file on its own. */
    EXPECT_NEAR(__enzyme_fwddiff((void *)model_helper, x, 1.0), dhelper(x), 1e-12);
  }
  return adj_report();
}
