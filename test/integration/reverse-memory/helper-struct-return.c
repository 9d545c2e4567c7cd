// Reverse mode through noinline helpers returning a struct of two doubles by value: complex
// multiplication (struct arguments by value too) applied in a loop to raise z = x0 + i x1 to
// a power, and a helper reading an array that returns {sum of exp, weighted sum} used for a
// softmax-weighted mean. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
typedef struct {
  double re, im;
} Cx;
typedef struct {
  double z, m;
} Pair;

__attribute__((noinline)) static Cx cmul(Cx a, Cx b) {
  Cx r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
  return r;
}
__attribute__((noinline)) static Pair moments(const double *x, int n) {
  Pair p = {0, 0};
  for (int i = 0; i < n; ++i) {
    double e = exp(x[i]);
    p.z += e;
    p.m += x[i] * e;
  }
  return p;
}

/* Re(z^3) + Im(z^3), z = x0 + i x1 */
static double cube(const double *x) {
  Cx z = {x[0], x[1]}, r = {1, 0};
  for (int k = 0; k < 3; ++k)
    r = cmul(r, z);
  return r.re + r.im;
}
static double softmean(const double *x) {
  Pair p = moments(x, N);
  return p.m / p.z;
}

int main(void) {
  double z[2] = {0.7, -0.4}, dz[2] = {0};
  __enzyme_autodiff((void *)cube, z, dz);
  double a = z[0], b = z[1];
  /* Re = a^3 - 3ab^2, Im = 3a^2 b - b^3 */
  EXPECT_NEAR(dz[0], 3 * a * a - 3 * b * b + 6 * a * b, 1e-14);
  EXPECT_NEAR(dz[1], -6 * a * b + 3 * a * a - 3 * b * b, 1e-14);

  double x[N] = {0.1, -0.6, 1.2, 0.4, -1.5};
  double d[N] = {0};
  __enzyme_autodiff((void *)softmean, x, d);
  double Z = 0, M = 0;
  for (int i = 0; i < N; ++i) {
    Z += exp(x[i]);
    M += x[i] * exp(x[i]);
  }
  for (int i = 0; i < N; ++i) {
    double p = exp(x[i]) / Z;
    EXPECT_NEAR(d[i], p * (1 + x[i] - M / Z), 1e-14);
    EXPECT_NEAR(d[i], rev_fd_vec(softmean, x, N, i), 1e-6);
  }
  return adj_report();
}
