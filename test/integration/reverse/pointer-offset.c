// Reverse mode with duplicated pointers into the middle of arrays (x + 3 with shadow dx + 3), negative offsets inside the callee, and two requests sharing one shadow array.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* central second difference sum: reads p[-1], p[0], p[1] */
static double curvature(const double *p, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double c = p[i - 1] - 2.0 * p[i] + p[i + 1];
    s += c * c;
  }
  return s;
}

#define M 14
static double full(const double *x) { return curvature(x + 3, 8); }

int main(void) {
  double x[M], dx[M] = {0};
  for (int i = 0; i < M; ++i)
    x[i] = sin(0.6 * i) + 0.05 * i * i;
  /* reads x[2] .. x[11] */
  __enzyme_autodiff((void *)curvature, enzyme_dup, x + 3, dx + 3, 8);
  for (int i = 0; i < M; ++i) {
    double want = 0.0;
    for (int k = 3; k < 11; ++k) {
      double c = x[k - 1] - 2 * x[k] + x[k + 1];
      if (i == k - 1 || i == k + 1)
        want += 2 * c;
      if (i == k)
        want += -4 * c;
    }
    EXPECT_NEAR(dx[i], want, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(full, x, M, i), 1e-6);
  }
  /* a second request on an overlapping window accumulates into the same shadow */
  double dx2[M] = {0};
  __enzyme_autodiff((void *)curvature, enzyme_dup, x + 3, dx2 + 3, 8);
  __enzyme_autodiff((void *)curvature, enzyme_dup, x + 3, dx2 + 3, 8);
  for (int i = 0; i < M; ++i)
    EXPECT_NEAR(dx2[i], 2 * dx[i], 1e-12);
  return adj_report();
}
