// Split reverse mode through loops whose trip count depends on the data: a while loop that
// accumulates terms from a duplicated array until the running sum passes a threshold (the
// count differs between inputs, so the tape is sized at run time), and a Newton iteration
// for a cube root that stops on a tolerance. Two tapes of the first function with different
// trip counts are alive at once and reversed in the other order. Analytic values and finite
// differences (the perturbations do not change the trip counts).
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "../reverse/Inputs/split.h"

#define N 6
static int last_count;
/* s = sum_{k < K} (x_{k mod N}^2 + 0.1) over the first K terms that reach s >= thr */
static double until(const double *x, double thr) {
  double s = 0, w = 0;
  int k = 0;
  while (s < thr) {
    double t = x[k % N];
    s += t * t + 0.1;
    w += sin(t) * (k + 1);
    ++k;
  }
  last_count = k;
  return s + w;
}
static double thr_now = 3.0;
static double until_x(const double *x) { return until(x, thr_now); }

/* Newton for y^3 = a: y <- y - (y^3 - a) / (3 y^2), from y = a */
static double cbrt_newton(double a) {
  double y = a;
  int it = 0;
  while (fabs(y * y * y - a) > 1e-14 * a && it < 100) {
    y = y - (y * y * y - a) / (3 * y * y);
    ++it;
  }
  return y;
}

int main(void) {
  double x1[N] = {0.5, -0.8, 1.2, 0.3, -0.6, 0.9};
  double x2[N] = {0.1, 0.2, -0.15, 0.05, 0.3, -0.25};
  double d1[N] = {0}, d2[N] = {0};
  Aug t1 = __enzyme_augmentfwd_r((void *)until, x1, d1, enzyme_const, 3.0);
  int k1 = last_count;
  Aug t2 = __enzyme_augmentfwd_r((void *)until, x2, d2, enzyme_const, 3.0);
  int k2 = last_count;
  EXPECT_NEAR(t1.y, until(x1, 3.0), 1e-15);
  EXPECT_NEAR(t2.y, until(x2, 3.0), 1e-15);
  if (k1 == k2 || k2 <= N)
    EXPECT_NEAR((double)k1, -1.0, 0); /* the inputs must give different, wrapping counts */
  __enzyme_reverse((void *)until, x2, d2, enzyme_const, 3.0, 1.0, t2.tape);
  __enzyme_reverse((void *)until, x1, d1, enzyme_const, 3.0, 1.0, t1.tape);
  double *xs[2] = {x1, x2}, *ds[2] = {d1, d2};
  int ks[2] = {k1, k2};
  for (int c = 0; c < 2; ++c) {
    double want[N] = {0};
    for (int k = 0; k < ks[c]; ++k) {
      double t = xs[c][k % N];
      want[k % N] += 2 * t + cos(t) * (k + 1);
    }
    for (int i = 0; i < N; ++i) {
      EXPECT_NEAR(ds[c][i], want[i], 1e-13);
      EXPECT_NEAR(ds[c][i], rev_fd_vec(until_x, xs[c], N, i), 1e-6);
    }
  }

  double as[3] = {2.0, 27.0, 0.3};
  void *tapes[3];
  for (int j = 0; j < 3; ++j)
    tapes[j] = __enzyme_augmentfwd((void *)cbrt_newton, as[j]);
  for (int j = 2; j >= 0; --j) {
    double da = __enzyme_reverse_d((void *)cbrt_newton, as[j], 1.0, tapes[j]);
    EXPECT_NEAR(da, 1.0 / (3 * cbrt(as[j]) * cbrt(as[j])), 1e-9);
  }
  return adj_report();
}
