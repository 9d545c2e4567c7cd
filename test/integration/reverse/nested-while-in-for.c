// Reverse mode of a for loop over elements with an inner while loop whose trip count depends on each element (range reduction by halving, then a series), and a break out of the inner loop of a nested pair.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

/* log of each element by halving into [1, 2) (data-dependent count) then atanh series */
static double sumlog(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double v = x[i];
    int k = 0;
    while (v >= 2.0) {
      v *= 0.5;
      ++k;
    }
    double u = (v - 1.0) / (v + 1.0), u2 = u * u, term = u, acc = 0.0;
    for (int j = 1; j < 60; j += 2) {
      acc += term / j;
      term *= u2;
    }
    s += 2.0 * acc + k * 0.69314718055994530942;
  }
  return s;
}
/* inner loop breaks when the running product passes a bound */
static double prod_break(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double p = 1.0;
    for (int j = i; j < n; ++j) {
      p *= x[j];
      if (p > 3.0)
        break;
    }
    s += p;
  }
  return s;
}

#define N 10
static double g(const double *x) { return sumlog(x, N); }
static double h(const double *x) { return prod_break(x, N); }

int main(void) {
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; ++i)
    x[i] = 1.3 + 7.0 * (1 + sin(1.7 * i)) * (i + 1); /* away from powers of two */
  __enzyme_autodiff((void *)sumlog, enzyme_dup, x, dx, N);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dx[i], 1.0 / x[i], 1e-10);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, N, i), 1e-6);
  }
  double y[N], dy[N] = {0};
  for (int i = 0; i < N; ++i)
    y[i] = 1.05 + 0.4 * cos(2.1 * i);
  __enzyme_autodiff((void *)prod_break, enzyme_dup, y, dy, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dy[i], rev_fd_vec(h, y, N, i), 1e-6);
  return adj_report();
}
