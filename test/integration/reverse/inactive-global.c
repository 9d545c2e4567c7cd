// Globals declared inactive (`__enzyme_inactive_global`, a table or one
// pointer) have no shadow, and what is read from them carries no
// derivative in either mode: a mutable global pointer to a table of
// weights set up by main, a float parameter, a counter. A global pointer
// that is not declared so works too: its shadow starts each request null,
// and the generated code checks before reading through it (it crashed
// before). Against analytic values.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

double *weights, *weights2, gain = 2.0;
int ncalls;
__attribute__((used)) void *__enzyme_inactive_global[2] = {(void *)&weights, (void *)&ncalls};
__attribute__((used)) void *__enzyme_inactive_global_gain = (void *)&gain;

static double f(double x) {
  ++ncalls;
  double s = 0;
  for (int i = 0; i < 4; ++i) s += weights[i] * sin(i * x);
  return gain * s;
}

/* weights2 is not declared inactive. */
static double g(double x) {
  double s = 0;
  for (int i = 0; i < 4; ++i) s += weights2[i] * sin(i * x);
  return s;
}

int main(void) {
  weights = malloc(4 * sizeof(double));
  weights2 = malloc(4 * sizeof(double));
  for (int i = 0; i < 4; ++i) weights[i] = weights2[i] = i + 1;
  double x = 0.4, want = 0;
  for (int i = 0; i < 4; ++i) want += weights[i] * i * cos(i * x);
  EXPECT_NEAR(__enzyme_autodiff((void *)f, x), gain * want, 1e-14);
  EXPECT_NEAR(__enzyme_fwddiff((void *)f, x, 1.0), gain * want, 1e-14);
  EXPECT_NEAR(__enzyme_autodiff((void *)g, x), want, 1e-14);
  EXPECT_NEAR(__enzyme_fwddiff((void *)g, x, 1.0), want, 1e-14);
  EXPECT_NEAR(ncalls, 2, 0); /* each request runs f's side effects once */
  free(weights);
  free(weights2);
  return adj_report();
}
