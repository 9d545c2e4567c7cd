// Reverse mode through realloc inside the differentiated function: a buffer started with
// realloc(NULL, n) and grown by doubling with realloc of the existing block while values
// computed from the input are appended (the block may move, carrying its contents), then read
// back in reverse order and freed; and a buffer malloc'ed, filled, grown once with realloc,
// the new tail filled from the old contents, and shrunk again before it is read. Analytic
// values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 7
static double grow(const double *x) {
  int cap = 1, len = 0;
  double *buf = (double *)realloc(NULL, cap * sizeof(double));
  for (int i = 0; i < N; ++i) {
    for (int r = 0; r < 2; ++r) {
      if (len == cap) {
        cap *= 2;
        buf = (double *)realloc(buf, cap * sizeof(double));
      }
      buf[len++] = r ? sin(x[i]) : x[i] * x[i];
    }
  }
  double s = 0;
  for (int k = 0; k < len; ++k)
    s += buf[k] * buf[len - 1 - k];
  free(buf);
  return s;
}
/* tail[i] = head[i] * head[N-1-i]; then shrink to N + 2 elements */
static double grow_shrink(const double *x) {
  double *b = (double *)malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i)
    b[i] = exp(0.5 * x[i]);
  b = (double *)realloc(b, 2 * N * sizeof(double));
  for (int i = 0; i < N; ++i)
    b[N + i] = b[i] * b[N - 1 - i];
  b = (double *)realloc(b, (N + 2) * sizeof(double));
  double s = 0;
  for (int k = 0; k < N + 2; ++k)
    s += (k + 1) * b[k];
  free(b);
  return s;
}

int main(void) {
  double x[N] = {0.3, -0.7, 1.1, 0.45, -1.2, 0.8, 0.05};
  double d[N] = {0};
  __enzyme_autodiff((void *)grow, x, d);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d[i], rev_fd_vec(grow, x, N, i), 1e-6);
  /* buf = (x0^2, sin x0, x1^2, ...); pairs buf[k], buf[2N-1-k]: element 2i pairs with
     2N-1-2i = 2(N-1-i)+1, i.e. x_i^2 with sin(x_{N-1-i}), twice */
  for (int i = 0; i < N; ++i) {
    int j = N - 1 - i;
    EXPECT_NEAR(d[i], 2 * (2 * x[i] * sin(x[j]) + x[j] * x[j] * cos(x[i])), 1e-13);
  }

  double d2[N] = {0};
  __enzyme_autodiff((void *)grow_shrink, x, d2);
  for (int i = 0; i < N; ++i) {
    /* s = sum_i (i+1) e_i + N+1 e_0 e_{N-1} + (N+2) e_1 e_{N-2}, e_i = exp(x_i / 2) */
    double e = exp(0.5 * x[i]), want = (i + 1) * 0.5 * e;
    if (i == 0 || i == N - 1)
      want += (N + 1) * 0.5 * exp(0.5 * x[0]) * exp(0.5 * x[N - 1]);
    if (i == 1 || i == N - 2)
      want += (N + 2) * 0.5 * exp(0.5 * x[1]) * exp(0.5 * x[N - 2]);
    EXPECT_NEAR(d2[i], want, 1e-13);
    EXPECT_NEAR(d2[i], rev_fd_vec(grow_shrink, x, N, i), 1e-6);
  }
  return adj_report();
}
