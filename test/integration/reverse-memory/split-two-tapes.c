// Split reverse mode with two tapes of two different functions alive at once: a pipeline
// where f writes y from x and g reads y to a scalar; both forward halves run first, then g's
// reverse half fills dy and f's reverse half turns dy into dx (the chain rule through memory
// across four calls). Also two unrelated functions (one with an active scalar, one through a
// pointer) whose tapes are reversed in the order they were recorded. Analytic values and
// finite differences of the composition.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "../reverse/Inputs/split.h"

#define N 5
/* y_i = x_i * x_{i+1} + sin(x_i) */
static void f(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = x[i] * x[(i + 1) % N] + sin(x[i]);
}
/* g = sum_i exp(-y_i^2) * (i + 1) */
static double g(const double *y) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += exp(-y[i] * y[i]) * (i + 1);
  return s;
}
static double gf(const double *x) {
  double y[N];
  f(x, y);
  return g(y);
}
static double h(double a, const double *p) { return a * a * p[0] + sin(a) * p[1]; }
static double k(const double *p) { return p[0] * p[1] * p[1]; }

int main(void) {
  double x[N] = {0.3, -0.6, 0.9, 1.2, -0.4};
  double y[N], dy[N] = {0}, dx[N] = {0};
  void *tf = __enzyme_augmentfwd((void *)f, x, dx, y, dy);
  Aug tg = __enzyme_augmentfwd_r((void *)g, y, dy);
  EXPECT_NEAR(tg.y, gf(x), 1e-15);
  __enzyme_reverse((void *)g, y, dy, 1.0, tg.tape);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dy[i], -2 * y[i] * exp(-y[i] * y[i]) * (i + 1), 1e-14);
  __enzyme_reverse((void *)f, x, dx, y, dy, tf);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], rev_fd_vec(gf, x, N, i), 1e-6);
    EXPECT_NEAR(dy[i], 0, 0);
  }

  double p[2] = {1.5, -0.5}, dph[2] = {0}, dpk[2] = {0};
  double a = 0.8;
  Aug th = __enzyme_augmentfwd_r((void *)h, a, p, dph);
  Aug tk = __enzyme_augmentfwd_r((void *)k, p, dpk);
  EXPECT_NEAR(th.y, h(a, p), 1e-15);
  EXPECT_NEAR(tk.y, k(p), 1e-15);
  double da = __enzyme_reverse_d((void *)h, a, p, dph, 2.0, th.tape);
  __enzyme_reverse((void *)k, p, dpk, 3.0, tk.tape);
  EXPECT_NEAR(da, 2.0 * (2 * a * p[0] + cos(a) * p[1]), 1e-14);
  EXPECT_NEAR(dph[0], 2.0 * a * a, 1e-14);
  EXPECT_NEAR(dph[1], 2.0 * sin(a), 1e-14);
  EXPECT_NEAR(dpk[0], 3.0 * p[1] * p[1], 1e-14);
  EXPECT_NEAR(dpk[1], 3.0 * 2 * p[0] * p[1], 1e-14);
  return adj_report();
}
