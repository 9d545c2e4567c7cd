// Reverse mode of the Euclidean norm and of a p-norm of a duplicated array: gradient x/|x| and |x_i|^(p-1) sign(x_i) / |x|_p^(p-1).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

static double norm2(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return sqrt(s);
}
static double pnorm(const double *x, int n, double p) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += pow(fabs(x[i]), p);
  return pow(s, 1.0 / p);
}

#define N 12
static double P = 3.0;
static double g2(const double *x) { return norm2(x, N); }
static double gp(const double *x) { return pnorm(x, N, P); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = (i % 3 == 0 ? -1.0 : 1.0) * (0.2 + 0.15 * i);
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)norm2, enzyme_dup, x, dx, N);
  double nrm = norm2(x, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], x[i] / nrm, 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g2, x, N, i), 1e-6);
  }
  for (P = 1.5; P <= 4.0; P += 1.25) {
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    __enzyme_autodiff((void *)pnorm, enzyme_dup, x, dx, N, enzyme_const, P);
    double np = pnorm(x, N, P);
    for (int i = 0; i < N; ++i) {
      double want = pow(fabs(x[i]), P - 1) * (x[i] > 0 ? 1 : -1) / pow(np, P - 1);
      EXPECT_NEAR(dx[i], want, 1e-10);
      EXPECT_NEAR(dx[i], rev_fd_vec(gp, x, N, i), 1e-6);
    }
  }
  return adj_report();
}
