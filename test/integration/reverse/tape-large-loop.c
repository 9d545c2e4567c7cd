// Reverse mode through loops with 10^5 and 10^6 iterations whose trip count is only known at run time, so the tape grows (reallocates) many times; also a nested loop with an unknown inner count.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* x <- x + h sin(x) a, n steps (each step tapes x) */
static double many(double a, double x, int n) {
  double h = 1.0 / n;
  for (int i = 0; i < n; ++i)
    x = x + h * sin(x) * a;
  return x;
}
/* while loop whose trip count depends on the data: stops when t exceeds a limit */
static double until(double a, double limit) {
  double t = 0.0, s = 0.0;
  while (t < limit) {
    s += sin(a * t) * 1e-5;
    t += 1e-5;
  }
  return s;
}
/* outer count known, inner count data-dependent */
static double nested(double a, const int *counts, int m) {
  double s = 0.0;
  for (int j = 0; j < m; ++j)
    for (int k = 0; k < counts[j]; ++k)
      s = s * 0.999 + cos(a * (k + 1) * 1e-3);
  return s;
}
typedef struct {
  double da, dx;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static int NN;
static double g(const double *v) { return many(v[0], v[1], NN); }
static double L = 3.000005; /* between two grid points of t */
static double gu(double a) { return until(a, L); }
static int COUNTS[5] = {1000, 20000, 5, 0, 33333};
static double gn(double a) { return nested(a, COUNTS, 5); }

int main(void) {
  for (NN = 100000; NN <= 1000000; NN *= 10) {
    double v[2] = {0.8, 0.4};
    D2 d = __enzyme_autodiff2((void *)many, v[0], v[1], NN);
    EXPECT_NEAR(d.da, rev_fd_vec(g, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.dx, rev_fd_vec(g, v, 2, 1), 1e-6);
  }
  for (double a = 0.5; a <= 2.0; a += 0.75) {
    double d = __enzyme_autodiff((void *)until, a, enzyme_const, L);
    double want = 0.0, t = 0.0;
    while (t < L) {
      want += t * cos(a * t) * 1e-5;
      t += 1e-5;
    }
    EXPECT_NEAR(d, want, 1e-10);
    EXPECT_NEAR(d, adj_fd(gu, a), 1e-6);
    double e = __enzyme_autodiff((void *)nested, a, enzyme_const, COUNTS, 5);
    EXPECT_NEAR(e, adj_fd(gn, a), 1e-6);
  }
  return adj_report();
}
