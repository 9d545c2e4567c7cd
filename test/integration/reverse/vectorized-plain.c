// Reverse mode of a stride-4 loop with four independent accumulators, which the -O2/-O3 SLP vectorizer packs into vector operations (no fast-math).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* the vectorizer can interleave the four independent accumulators */
static double four(const double *x, int n) {
  double a = 0, b = 0, c = 0, d = 0;
  for (int i = 0; i + 3 < n; i += 4) {
    a += x[i] * x[i];
    b += x[i + 1] * x[i + 1] * 2.0;
    c += x[i + 2] * 3.0;
    d += x[i + 3] * x[i + 3] * x[i + 3];
  }
  return a + b * c + d;
}
#define N 64
static double g(const double *x) { return four(x, N); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i) {
    x[i] = 0.1 * cos(0.3 * i) + 0.2;
    dx[i] = 0.0;
  }
  __enzyme_autodiff((void *)four, enzyme_dup, x, dx, N);
  double b = 0, c = 0;
  for (int i = 0; i + 3 < N; i += 4) {
    b += x[i + 1] * x[i + 1] * 2.0;
    c += x[i + 2] * 3.0;
  }
  for (int i = 0; i < N; ++i) {
    double want;
    switch (i % 4) {
    case 0: want = 2 * x[i]; break;
    case 1: want = 4 * x[i] * c; break;
    case 2: want = 3.0 * b; break;
    default: want = 3 * x[i] * x[i]; break;
    }
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  return adj_report();
}
