// Split reverse mode with heap temporaries: the function mallocs a buffer, fills it from the
// input, reads it nonlinearly (so the reverse pass needs the buffer's values after the
// forward pass has freed it), and frees it; a second function uses calloc and a realloc that
// grows the buffer. The tape crosses between __enzyme_augmentfwd and __enzyme_reverse, and
// other heap traffic in between (malloc/free of blocks of the same size, filled with garbage)
// must not disturb it. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#include "../reverse/Inputs/split.h"

#define N 6
/* t_i = exp(x_i / 2); s = sum_i sin(t_i) t_{i+1} */
static double nonlin(const double *x) {
  double *t = (double *)malloc(N * sizeof(double));
  for (int i = 0; i < N; ++i)
    t[i] = exp(0.5 * x[i]);
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += sin(t[i]) * t[(i + 1) % N];
  free(t);
  return s;
}
/* c = calloc(N); c_i = x_i^2; grown to 2N, c_{N+i} = c_i * c_{N-1-i}; s = sum_k log(1 + c_k) */
static double grown(const double *x) {
  double *c = (double *)calloc(N, sizeof(double));
  for (int i = 0; i < N; ++i)
    c[i] = x[i] * x[i];
  c = (double *)realloc(c, 2 * N * sizeof(double));
  for (int i = 0; i < N; ++i)
    c[N + i] = c[i] * c[N - 1 - i];
  double s = 0;
  for (int k = 0; k < 2 * N; ++k)
    s += log(1.0 + c[k]);
  free(c);
  return s;
}
static void churn(void) {
  for (int k = 0; k < 4; ++k) {
    double *g = (double *)malloc(N * sizeof(double));
    double *h = (double *)malloc(2 * N * sizeof(double));
    for (int i = 0; i < N; ++i)
      g[i] = h[i] = h[N + i] = 1e30;
    free(h);
    free(g);
  }
}

int main(void) {
  double x[N] = {0.4, -0.8, 1.0, 0.15, -0.3, 0.7};
  double dx[N] = {0};
  Aug r = __enzyme_augmentfwd_r((void *)nonlin, x, dx);
  EXPECT_NEAR(r.y, nonlin(x), 1e-15);
  churn();
  __enzyme_reverse((void *)nonlin, x, dx, 1.5, r.tape);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N, q = (i + 1) % N;
    double ti = exp(0.5 * x[i]);
    double dt = cos(ti) * exp(0.5 * x[q]) + sin(exp(0.5 * x[p]));
    EXPECT_NEAR(dx[i], 1.5 * dt * 0.5 * ti, 1e-14);
  }

  double dg[N] = {0};
  Aug g = __enzyme_augmentfwd_r((void *)grown, x, dg);
  churn();
  __enzyme_reverse((void *)grown, x, dg, 1.0, g.tape);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dg[i], rev_fd_vec(grown, x, N, i), 1e-6);
  /* c_i = x_i^2 appears in log(1 + c_i) and in c_i c_j twice (j = N-1-i, j != i) */
  for (int i = 0; i < N; ++i) {
    double ci = x[i] * x[i], cj = x[N - 1 - i] * x[N - 1 - i];
    EXPECT_NEAR(dg[i], 2 * x[i] * (1 / (1 + ci) + 2 * cj / (1 + ci * cj)), 1e-13);
  }
  return adj_report();
}
