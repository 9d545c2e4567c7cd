// Reverse mode through a recursive function that allocates a heap temporary at every level
// (malloc per call, freed before the return): a recursive multiresolution transform that
// writes the pairwise averages of its input into a malloc'ed half-size array and recurses on
// it; and a recursion over a tree stored in an array, passing a calloc'ed accumulator down.
// Finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 8
static double pyramid(const double *x, int n) {
  if (n == 1)
    return x[0] * x[0];
  double *half = (double *)malloc(sizeof(double) * (n / 2));
  double detail = 0;
  for (int i = 0; i < n / 2; ++i) {
    half[i] = 0.5 * (x[2 * i] + x[2 * i + 1]);
    double d = x[2 * i] - x[2 * i + 1];
    detail += d * d * n;
  }
  double r = detail + sin(pyramid(half, n / 2));
  free(half);
  return r;
}
static double tree_acc(const double *x, int i, int n, double up) {
  if (i >= n)
    return 0.0;
  double *acc = (double *)calloc(2, sizeof(double));
  acc[0] = up * 0.5 + x[i];
  acc[1] = acc[0] * acc[0];
  double r = acc[1] + tree_acc(x, 2 * i + 1, n, acc[0]) + tree_acc(x, 2 * i + 2, n, acc[0]);
  free(acc);
  return r;
}
static double pyramid_n(double *x) { return pyramid(x, N); }
static double tree_n(double *x) { return tree_acc(x, 0, N, 0.0); }

int main(void) {
  double x[N] = {0.3, -0.1, 0.7, 0.4, -0.5, 0.2, 0.9, -0.8}, dx[N] = {0}, gx[N] = {0};
  __enzyme_autodiff((void *)pyramid, enzyme_dup, x, dx, enzyme_const, N);
  __enzyme_autodiff((void *)tree_acc, enzyme_dup, x, gx, enzyme_const, 0, enzyme_const, N,
                    enzyme_const, 0.0);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], rm_fd(pyramid_n, x, N, i), 1e-6);
    EXPECT_NEAR(gx[i], rm_fd(tree_n, x, N, i), 1e-6);
  }
  return adj_report();
}
