// Reverse mode with a switch inside a loop: a tiny interpreter over a const int program applies one of five operations to an accumulator.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

enum { ADD, MUL, SIN, SQR, EXPN };

static double run(const int *ops, const double *arg, int n, double x) {
  double acc = x;
  for (int i = 0; i < n; ++i) {
    switch (ops[i]) {
    case ADD:
      acc = acc + arg[i];
      break;
    case MUL:
      acc = acc * arg[i];
      break;
    case SIN:
      acc = sin(acc) + arg[i];
      break;
    case SQR:
      acc = acc * acc * arg[i];
      break;
    default:
      acc = exp(-acc * arg[i]);
      break;
    }
  }
  return acc;
}

#define N 12
static const int OPS[N] = {MUL, SIN, ADD, SQR, EXPN, MUL, ADD, SIN, SQR, MUL, EXPN, ADD};
static double ARG[N];
static double X0;
static double gx(double x) { return run(OPS, ARG, N, x); }
static double ga(const double *a) { return run(OPS, a, N, X0); }

int main(void) {
  for (int i = 0; i < N; ++i)
    ARG[i] = 0.4 + 0.1 * i;
  for (X0 = -1.0; X0 <= 1.0; X0 += 0.4) {
    double da[N] = {0};
    double d = __enzyme_autodiff((void *)run, enzyme_const, OPS, enzyme_dup, ARG, da, N, X0);
    EXPECT_NEAR(d, adj_fd(gx, X0), 1e-6);
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(da[i], rev_fd_vec(ga, ARG, N, i), 1e-6);
    /* forward mode agrees with reverse mode */
    double f = __enzyme_fwddiff((void *)run, enzyme_const, OPS, enzyme_const, ARG, N, X0, 1.0);
    EXPECT_NEAR(d, f, 1e-12);
  }
  return adj_report();
}
