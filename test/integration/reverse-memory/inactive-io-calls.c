// Reverse mode through calls to inactive library functions inside the differentiated
// function: printf to stdout of active values (inside a loop and after it), puts, and
// fflush(stdout). They must not change the gradient and run once per gradient call (the
// printed line count is checked through printf's return value, summed in a global int).
// Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 4
static int printed;

static double f(const double *x) {
  double s = 0;
  puts("f: start");
  for (int i = 0; i < N; ++i) {
    double t = x[i] * x[i] * cos(x[i]);
    if (printf("f: term %d = %.3f\n", i, t) > 0)
      ++printed;
    s += t;
  }
  printf("f: sum %.3f\n", s);
  fflush(stdout);
  return s * s;
}
static double g(const double *x) {
  double p = 1;
  for (int i = 0; i < N; ++i) {
    p *= 1 + 0.5 * x[i];
    puts(i % 2 ? "g: odd" : "g: even");
  }
  printf("g: %g\n", p);
  return p;
}

int main(void) {
  double x[N] = {0.4, -0.7, 1.2, 0.25};
  double d[N] = {0};
  __enzyme_autodiff((void *)f, x, d);
  EXPECT_NEAR((double)printed, N, 0);
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += x[i] * x[i] * cos(x[i]);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(d[i], 2 * s * (2 * x[i] * cos(x[i]) - x[i] * x[i] * sin(x[i])), 1e-13);
    EXPECT_NEAR(d[i], rev_fd_vec(f, x, N, i), 1e-6);
  }

  double dg[N] = {0};
  __enzyme_autodiff((void *)g, x, dg);
  double p = 1;
  for (int i = 0; i < N; ++i)
    p *= 1 + 0.5 * x[i];
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dg[i], p * 0.5 / (1 + 0.5 * x[i]), 1e-14);
  return adj_report();
}
