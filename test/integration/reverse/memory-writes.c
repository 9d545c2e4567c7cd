// Reverse mode through writes to memory: outputs through a duplicated pointer (the caller seeds
// the output shadow), an in-place update of an input, an input overwritten by a constant, a
// local array, and memset of a local; checked against analytic values and finite differences.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

/* y = x^2 + sin x elementwise: with dy seeded, dx += J^T dy and dy ends at 0 */
static void sq(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[i] + sin(x[i]);
}
/* in place: x[i] = x[i]^2, then sum of squares: f = sum x^4 */
static double inplace(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
/* reads v, then overwrites v[0]: the overwritten value gets no adjoint from later reads */
static double sum_then_clear(double *v) {
  double s = v[0] * v[1];
  v[0] = 0.0;
  return s + v[0] * v[1];
}
/* a local array filled, cleared with memset and refilled */
static double local(const double *x) {
  double t[4];
  for (int i = 0; i < 4; ++i)
    t[i] = exp(x[i]);
  double s = t[0] * t[3];
  memset(t, 0, sizeof t);
  for (int i = 0; i < 4; ++i)
    t[i] += x[i] * x[i];
  for (int i = 3; i >= 0; --i)
    s = s * 0.5 + t[i];
  return s;
}

static double local_fd(const double *x, int i) {
  double a[4], b[4], h = 1e-6;
  for (int k = 0; k < 4; ++k)
    a[k] = b[k] = x[k];
  a[i] += h;
  b[i] -= h;
  return (local(a) - local(b)) / (2 * h);
}

int main(void) {
  double x[5] = {0.1, 0.2, -0.3, 0.4, 1.5}, dx[5] = {0}, y[5], dy[5] = {1, 2, 3, 4, 5};
  __enzyme_autodiff((void *)sq, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(dx[i], (i + 1) * (2 * x[i] + cos(x[i])), 1e-12);
    EXPECT_NEAR(dy[i], 0.0, 0.0);
  }

  double z0[3] = {0.5, 1.5, -2}, z[3], dz[3] = {0};
  memcpy(z, z0, sizeof z);
  __enzyme_autodiff((void *)inplace, enzyme_dup, z, dz, enzyme_const, 3);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(dz[i], 4 * z0[i] * z0[i] * z0[i], 1e-12);

  double v[2] = {0.7, -1.2}, dv[2] = {0};
  __enzyme_autodiff((void *)sum_then_clear, enzyme_dup, v, dv);
  EXPECT_NEAR(dv[0], -1.2, 1e-12); /* d/dv0 (v0 v1) */
  EXPECT_NEAR(dv[1], 0.7, 1e-12);  /* d/dv1 (v0 v1 + 0 v1) */

  double w[4] = {0.1, 0.2, 0.3, 0.4}, dw[4] = {0};
  __enzyme_autodiff((void *)local, enzyme_dup, w, dw);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dw[i], local_fd(w, i), 1e-6);
  return adj_report();
}
