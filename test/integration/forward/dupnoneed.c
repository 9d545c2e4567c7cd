// Forward mode with enzyme_dupnoneed: only the output shadow is needed, the primal output may be skipped.
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 6

static void polar(const double *rt, double *xy) {
  for (int i = 0; i < N / 2; ++i) {
    double r = rt[2 * i], t = rt[2 * i + 1];
    xy[2 * i] = r * cos(t);
    xy[2 * i + 1] = r * sin(t);
  }
}

static double norm2(const double *v) {
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += v[i] * v[i];
  return s;
}

int main(void) {
  double rt[N] = {1.0, 0.3, 2.0, -1.2, 0.5, 2.8};
  double drt[N] = {0.5, 1.0, -1.0, 0.25, 2.0, -0.5};
  double xy[N], dxy[N];
  for (int i = 0; i < N; ++i)
    xy[i] = dxy[i] = 0.0;
  __enzyme_fwddiff((void *)polar, enzyme_dup, rt, drt, enzyme_dupnoneed, xy, dxy);
  /* the primal values in xy are unspecified; only the shadow is checked */
  for (int i = 0; i < N / 2; ++i) {
    double r = rt[2 * i], t = rt[2 * i + 1], dr = drt[2 * i], dt = drt[2 * i + 1];
    EXPECT_NEAR(dxy[2 * i], dr * cos(t) - r * sin(t) * dt, 1e-12);
    EXPECT_NEAR(dxy[2 * i + 1], dr * sin(t) + r * cos(t) * dt, 1e-12);
  }
  /* dupnoneed on an input pointer whose tangent is needed for the return */
  double v[N] = {1, 2, 3, -1, -2, 0.5}, dv[N] = {1, 0, 0, 0, 0, 1};
  double d = __enzyme_fwddiff((void *)norm2, enzyme_dupnoneed, v, dv);
  EXPECT_NEAR(d, 2 * 1.0 + 2 * 0.5, 1e-12);
  double h = 1e-6, vp[N], vm[N];
  for (int i = 0; i < N; ++i) {
    vp[i] = v[i] + h * dv[i];
    vm[i] = v[i] - h * dv[i];
  }
  EXPECT_NEAR(d, (norm2(vp) - norm2(vm)) / (2 * h), 1e-6);
  return adj_report();
}
