// Reverse mode through a linearly converging fixed-point iteration x = cos(p x) + q run until the step is tiny (hundreds of iterations, unknown trip count).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dp, dq;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double fp(double p, double q) {
  double x = 0.0, prev;
  int guard = 0;
  do {
    prev = x;
    x = cos(p * x) + q;
  } while (fabs(x - prev) > 1e-15 && ++guard < 100000);
  return x;
}
static double g(const double *v) { return fp(v[0], v[1]); }

int main(void) {
  const double P[] = {0.3, 0.7, 0.9};
  const double Q[] = {-0.2, 0.1, 0.5};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      double p = P[i], q = Q[j];
      D2 d = __enzyme_autodiff2((void *)fp, p, q);
      double x = fp(p, q), s = sin(p * x);
      /* x = cos(p x) + q  =>  dx (1 + p s) = -x s dp + dq */
      EXPECT_NEAR(d.dp, -x * s / (1 + p * s), 1e-9);
      EXPECT_NEAR(d.dq, 1.0 / (1 + p * s), 1e-9);
      double v[2] = {p, q};
      EXPECT_NEAR(d.dp, rev_fd_vec(g, v, 2, 0), 1e-6);
      EXPECT_NEAR(d.dq, rev_fd_vec(g, v, 2, 1), 1e-6);
    }
  return adj_report();
}
