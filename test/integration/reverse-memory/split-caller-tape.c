// Split mode with a caller-owned tape: __enzyme_augmentsize says how many
// bytes the caller must provide; both halves take `enzyme_allocated, size,
// enzyme_tape, memory` before the arguments; the forward half leaves the
// tape there and the reverse half consumes (and releases) what it holds,
// while the caller frees its own memory. Outputs written through a pointer
// (seeded between the calls), a float result (its seed after the
// arguments), and one caller buffer reused for several gradients.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

double __enzyme_augmentfwd_d(void *, ...);
double __enzyme_reverse_d(void *, ...);

static void foo(double *u, const double *x) {
  for (int i = 0; i < 3; i++)
    u[i] = x[i] * x[i] + 2 * x[0] - x[1] + 5 * x[2] * sin(x[i]);
}
static double energy(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += exp(0.3 * x[i]) * x[(i + 1) % n];
  return s;
}
static double energy_n(double *x) { return energy(x, 4); }

int main(void) {
  double x[3] = {0.7428839934549221, 0.5048739222425671, 0.09766249467142774};
  int size = __enzyme_augmentsize((void *)foo, enzyme_dup, enzyme_dup);
  void *data = malloc(size);
  for (int i = 0; i < 3; i++) { // one row of the Jacobian per seed
    double u[3], du[3] = {0, 0, 0}, dx[3] = {0, 0, 0};
    __enzyme_augmentfwd((void *)foo, enzyme_allocated, size, enzyme_tape, data, u, du, x, dx);
    du[i] = 1;
    __enzyme_reverse((void *)foo, enzyme_allocated, size, enzyme_tape, data, u, du, x, dx);
    for (int j = 0; j < 3; j++) {
      double d = (i == j ? 2 * x[i] + 5 * x[2] * cos(x[i]) : 0) + (j == 0 ? 2 : 0) -
                 (j == 1 ? 1 : 0) + (j == 2 ? 5 * sin(x[i]) : 0);
      EXPECT_NEAR(dx[j], d, 1e-14);
    }
  }
  free(data);

  double y[4] = {0.2, -0.4, 0.9, 0.1}, dy[4] = {0};
  int bytes = __enzyme_augmentsize((void *)energy, enzyme_dup, enzyme_const);
  void *t = malloc(bytes);
  double f = __enzyme_augmentfwd_d((void *)energy, enzyme_allocated, bytes, enzyme_tape, t, y, dy,
                                   enzyme_const, 4);
  EXPECT_NEAR(f, energy(y, 4), 1e-15);
  __enzyme_reverse_d((void *)energy, enzyme_allocated, bytes, enzyme_tape, t, y, dy,
                     enzyme_const, 4, 1.0);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(dy[i], rm_fd(energy_n, y, 4, i), 1e-6);
  free(t);
  return adj_report();
}
