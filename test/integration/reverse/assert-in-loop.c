// A loop with an assertion (an exit that never returns, like Rust's bounds
// checks) is still counted: its records go in an array, and the gradient is
// right at every level (check-program runs -O0 to -O3 against finite
// differences).
// RUN: %check-program %s
// RUN: %adjoint-cc -O2 -mllvm -adjoint-print-perf -c %s -o %t.o | FileCheck %s
// CHECK: adjoint: perf: {{.*}}product{{.*}} per iteration, in an array
// CHECK-NOT: several places
#include "adjoint_test.h"
#include <assert.h>
#include <math.h>
static double product(const double *x, int n) {
  double p = 1.0;
  for (int i = 0; i < n; ++i) {
    assert(x[i] > -100.0);
    p *= sin(x[i]) + 2.0;
  }
  return p;
}
int main(void) {
  double x[6] = {0.3, -1.2, 0.7, 2.0, -0.4, 1.1}, dx[6] = {0};
  __enzyme_autodiff((void *)product, enzyme_dup, x, dx, enzyme_const, 6);
  for (int i = 0; i < 6; ++i) {
    double h = 1e-6, xp[6], xm[6];
    for (int k = 0; k < 6; ++k) xp[k] = xm[k] = x[k];
    xp[i] += h;
    xm[i] -= h;
    EXPECT_NEAR(dx[i], (product(xp, 6) - product(xm, 6)) / (2 * h), 1e-7);
  }
  return adj_report();
}
