// The function attributes Enzyme's users write in source, read by Adjoint's
// front-end plugin (which the drivers load): enzyme_inactive (calls carry
// no derivative, in both modes) and enzyme_function_like("log") (the call
// takes log's rule instead of its body being differentiated), in the GNU
// and the [[...]] spellings. Plain clang does not know them, so this test
// builds with the drivers only.
// RUN: %adjoint-cc -O0 %s -o %t0 -lm && %t0
// RUN: %adjoint-cc -O1 %s -o %t1 -lm && %t1
// RUN: %adjoint-cc -O2 %s -o %t2 -lm && %t2
// RUN: %adjoint-cc -O3 %s -o %t3 -lm && %t3
// RUN: %adjoint-cc -std=c2x -O2 -DBRACKETS %s -o %tb -lm && %tb
#include "adjoint_test.h"

#ifdef BRACKETS
#define INACTIVE [[enzyme_inactive]]
#define LIKE_LOG [[enzyme_function_like("log")]]
#else
#define INACTIVE __attribute__((enzyme_inactive))
#define LIKE_LOG __attribute__((enzyme_function_like("log")))
#endif

static double seen;
/* Its result is used, but by the user's word carries no derivative. */
INACTIVE double observe(double x) {
  seen = x;
  return 0.25 * x;
}

/* A table-driven log whose body has no useful derivative. */
LIKE_LOG double table_log(double x) {
  int e;
  double m = frexp(x, &e);
  return (m - 1) * 1.4 + (e + 0.0) * 0.6931471805599453 + 0.3;
}

static double f(double x) { return x * x + observe(x) * 3 + table_log(x); }

int main(void) {
  double x = 1.7;
  /* d/dx = 2x + 1/x: observe contributes nothing, table_log what log would */
  EXPECT_NEAR(__enzyme_autodiff((void *)f, x), 2 * x + 1 / x, 1e-14);
  EXPECT_NEAR(__enzyme_fwddiff((void *)f, x, 1.0), 2 * x + 1 / x, 1e-14);
  EXPECT_NEAR(seen, x, 0);
  return adj_report();
}
