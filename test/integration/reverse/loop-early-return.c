// Reverse mode with an early return from inside a loop (first element above a bound ends the search) and from inside a nested loop.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* returns x_i^2 * p for the first x_i > bound, otherwise p * sum x */
static double first_above(const double *x, int n, double bound, double p) {
  double acc = 0.0;
  for (int i = 0; i < n; ++i) {
    acc += x[i];
    if (x[i] > bound)
      return x[i] * x[i] * p + acc;
  }
  return p * acc;
}
/* nested search: returns from the inner loop when a product exceeds 1 */
static double nested_ret(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double p = x[i] * x[j];
      s += sin(p);
      if (p > 1.0)
        return s * x[j];
    }
  return s;
}

#define N 12
static double B, P;
static double g(const double *x) { return first_above(x, N, B, P); }
static double h(const double *x) { return nested_ret(x, N); }

int main(void) {
  double x[N], dx[N];
  for (int i = 0; i < N; ++i)
    x[i] = 0.2 + 0.8 * sin(0.5 * i); /* max about 1.0 */
  const double bounds[] = {0.5, 0.9, 5.0};
  P = 1.7;
  for (int b = 0; b < 3; ++b) {
    B = bounds[b];
    for (int i = 0; i < N; ++i)
      dx[i] = 0.0;
    double dp = __enzyme_autodiff((void *)first_above, enzyme_dup, x, dx, N, enzyme_const, B, P);
    int hit = -1;
    double acc = 0.0;
    for (int i = 0; i < N; ++i) {
      acc += x[i];
      if (x[i] > B) {
        hit = i;
        break;
      }
    }
    EXPECT_NEAR(dp, hit >= 0 ? x[hit] * x[hit] : acc, 1e-12);
    for (int i = 0; i < N; ++i) {
      double want;
      if (hit < 0)
        want = P;
      else
        want = i < hit ? 1.0 : i == hit ? 2 * x[i] * P + 1.0 : 0.0;
      EXPECT_NEAR(dx[i], want, 1e-12);
      EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
    }
  }
  /* products x_i x_j: scale so that the first exceedance is clear of 1 */
  for (int i = 0; i < N; ++i)
    x[i] = 0.3 + 0.09 * i;
  for (int i = 0; i < N; ++i)
    dx[i] = 0.0;
  __enzyme_autodiff((void *)nested_ret, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rev_fd_vec(h, x, N, i), 1e-6);
  return adj_report();
}
