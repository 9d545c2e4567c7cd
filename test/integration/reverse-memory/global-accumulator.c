// Reverse mode through a global scalar accumulator: reset and summed into inside the
// differentiated function, then read back for the result; summed into by a noinline helper
// called in a loop; and one whose starting value main sets before the call (so the function
// reads a value it did not write; the derivative is taken w.r.t. x only). An int call counter
// (a global too) is incremented on the way. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
static double acc;
static int calls;

/* acc = sum c_i x_i^2; returns log(1 + acc) */
static double reset_sum(const double *x) {
  acc = 0;
  for (int i = 0; i < N; ++i)
    acc += (0.5 + i) * x[i] * x[i];
  ++calls;
  return log(1.0 + acc);
}
__attribute__((noinline)) static void add(double v) { acc += v; }
static double via_helper(const double *x) {
  acc = 0.25;
  for (int i = 0; i < N; ++i)
    add(x[i] * sin(x[i]));
  ++calls;
  return acc * sin(acc);
}
/* starts from main's acc: sqrt(acc0 + sum x_i^2) */
static double from_main(const double *x) {
  for (int i = 0; i < N; ++i)
    acc += x[i] * x[i];
  ++calls;
  return sqrt(acc);
}
static const double ACC0 = 2.5;
static double from_main_fd(const double *x) {
  acc = ACC0;
  return from_main(x);
}

int main(void) {
  double x[N] = {0.4, -1.2, 0.7, 0.1, -0.5};
  double d[N] = {0};
  __enzyme_autodiff((void *)reset_sum, x, d);
  double a = 0;
  for (int i = 0; i < N; ++i)
    a += (0.5 + i) * x[i] * x[i];
  EXPECT_NEAR(acc, a, 1e-15);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d[i], 2 * (0.5 + i) * x[i] / (1 + a), 1e-14);

  double dh[N] = {0};
  __enzyme_autodiff((void *)via_helper, x, dh);
  double s = 0.25;
  for (int i = 0; i < N; ++i)
    s += x[i] * sin(x[i]);
  EXPECT_NEAR(acc, s, 1e-15);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dh[i], (sin(s) + s * cos(s)) * (sin(x[i]) + x[i] * cos(x[i])), 1e-13);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dh[i], rev_fd_vec(via_helper, x, N, i), 1e-6);

  double dm[N] = {0};
  acc = ACC0;
  __enzyme_autodiff((void *)from_main, x, dm);
  double t = ACC0;
  for (int i = 0; i < N; ++i)
    t += x[i] * x[i];
  EXPECT_NEAR(acc, t, 1e-14);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dm[i], x[i] / sqrt(t), 1e-14);
    EXPECT_NEAR(dm[i], rev_fd_vec(from_main_fd, x, N, i), 1e-6);
  }
  EXPECT_NEAR((double)calls, 3.0 + 4 * N, 0); /* three gradient calls (side effects once each), 4N FD calls */
  return adj_report();
}
