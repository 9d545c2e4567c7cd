// Forward mode through indirect calls: the differentiated function calls helpers via a function-pointer table.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef double (*unary)(double);

static double sq(double x) { return x * x; }
static double cube(double x) { return x * x * x; }
static double sine(double x) { return sin(x); }

static unary table[3] = {sq, cube, sine};

/* composition chosen at run time by an integer program */
static double compose(double x, const int *prog, int n) {
  for (int i = 0; i < n; ++i)
    x = table[prog[i]](x) + 0.1 * x;
  return x;
}

static const int prog[4] = {2, 0, 1, 2};
static double compose4(double x) { return compose(x, prog, 4); }

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.25) {
    double d = __enzyme_fwddiff((void *)compose, x, 1.0, enzyme_const, prog, 4);
    double v = x, dv = 1.0;
    for (int i = 0; i < 4; ++i) {
      double dd = prog[i] == 0 ? 2 * v : prog[i] == 1 ? 3 * v * v : cos(v);
      dv = dd * dv + 0.1 * dv;
      v = table[prog[i]](v) + 0.1 * v;
    }
    EXPECT_NEAR(d, dv, 1e-12);
    EXPECT_NEAR(d, adj_fd(compose4, x), 1e-6);
  }
  return adj_report();
}
