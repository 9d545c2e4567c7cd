// Reverse mode where some or all gradient components are exactly zero: results independent of an active argument, piecewise-constant functions, integer truncation, and an input only used by a branch condition.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double a, b, c;
} D3;
D3 __enzyme_autodiff3(void *, ...);

/* b only decides the branch; c is unused */
static double f(double a, double b, double c) {
  (void)c;
  if (b > 0.0)
    return a * a;
  return -a;
}
static double gf(const double *v) { return f(v[0], v[1], v[2]); }
/* everything through floor/int conversions: zero almost everywhere */
static double steps(double a, double b, double c) {
  int k = (int)(a * 3.0);
  return floor(b) + k + round(c * 2.0);
}
/* the active inputs only reach the result through comparisons */
static double count(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] > 0.5 ? 1.0 : 0.0;
  return s;
}

int main(void) {
  D3 d = __enzyme_autodiff3((void *)f, 1.5, 2.0, 7.0);
  EXPECT_NEAR(d.a, 3.0, 0.0);
  EXPECT_NEAR(d.b, 0.0, 0.0);
  EXPECT_NEAR(d.c, 0.0, 0.0);
  double v[3] = {1.5, 2.0, 7.0};
  for (int k = 0; k < 3; ++k)
    EXPECT_NEAR((&d.a)[k], rev_fd_vec(gf, v, 3, k), 1e-6);
  d = __enzyme_autodiff3((void *)f, 1.5, -2.0, 7.0);
  EXPECT_NEAR(d.a, -1.0, 0.0);
  EXPECT_NEAR(d.b, 0.0, 0.0);
  d = __enzyme_autodiff3((void *)steps, 0.7, 2.3, -1.1);
  EXPECT_NEAR(d.a, 0.0, 0.0);
  EXPECT_NEAR(d.b, 0.0, 0.0);
  EXPECT_NEAR(d.c, 0.0, 0.0);
  double x[5] = {0.1, 0.9, 0.4, 0.7, 2.0}, dx[5] = {1, 2, 3, 4, 5};
  __enzyme_autodiff((void *)count, enzyme_dup, x, dx, 5);
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(dx[i], i + 1.0, 0.0); /* added zero: unchanged */
  return adj_report();
}
