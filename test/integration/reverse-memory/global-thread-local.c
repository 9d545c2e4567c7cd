// Reverse mode through a thread-local global scratch array (_Thread_local): its address is
// this thread's copy (llvm.threadlocal.address), and its shadow is this thread's copy of a
// thread-local shadow global. Written, then read in a loop; against central differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

static _Thread_local double scratch[4];
static _Thread_local double total;

static double f(double *x) {
  for (int i = 0; i < 4; ++i)
    scratch[i] = sin(x[i]) * x[(i + 1) % 4];
  total = 0;
  for (int i = 0; i < 4; ++i)
    total += scratch[i] * scratch[(i + 2) % 4];
  return total * x[0];
}

int main(void) {
  double x[4] = {0.3, -0.2, 0.9, 0.4}, dx[4] = {0};
  __enzyme_autodiff((void *)f, x, dx);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dx[i], rm_fd(f, x, 4, i), 1e-6);
  return adj_report();
}
