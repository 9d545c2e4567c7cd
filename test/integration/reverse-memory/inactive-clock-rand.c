// Reverse mode through calls to clock() and rand() inside the differentiated function whose
// results never reach the math: clock() read before and after a loop (the difference kept in
// a global), rand() called each iteration and folded into an int checksum, and srand()
// reseeding. The gradient is unaffected, and the side effects happen once per gradient call
// (the rand() sequence after the call matches one primal call). Analytic values and finite
// differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>
#include <time.h>

#define N 5
static long elapsed;
static unsigned checksum;

static double f(const double *x) {
  clock_t c0 = clock();
  double s = 0;
  for (int i = 0; i < N; ++i) {
    checksum = checksum * 31u + (unsigned)rand();
    s += sin(x[i]) * exp(0.3 * x[i]);
  }
  elapsed += (long)(clock() - c0);
  return s * x[0];
}
static double g(const double *x) {
  srand(7);
  double r = 0;
  for (int i = 0; i < N; ++i) {
    int k = rand() % 3;
    checksum += (unsigned)k;
    r += x[i] * x[i] * x[i];
  }
  return r;
}

int main(void) {
  double x[N] = {0.5, -0.3, 0.8, 1.1, -0.9};
  double d[N] = {0};
  srand(1);
  __enzyme_autodiff((void *)f, x, d);
  int after_grad = rand();
  srand(1);
  (void)f(x);
  EXPECT_NEAR((double)after_grad, (double)rand(), 0); /* rand() ran N times in the gradient */
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += sin(x[i]) * exp(0.3 * x[i]);
  for (int i = 0; i < N; ++i) {
    double ds = (cos(x[i]) + 0.3 * sin(x[i])) * exp(0.3 * x[i]);
    EXPECT_NEAR(d[i], x[0] * ds + (i == 0 ? s : 0), 1e-14);
    EXPECT_NEAR(d[i], rev_fd_vec(f, x, N, i), 1e-6);
  }

  double dg[N] = {0};
  __enzyme_autodiff((void *)g, x, dg);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dg[i], 3 * x[i] * x[i], 1e-15);
  printf("elapsed %ld, checksum %u\n", elapsed >= 0 ? 0L : elapsed, checksum);
  return adj_report();
}
