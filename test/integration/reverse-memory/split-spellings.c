// Split mode as Enzyme users also write it: __enzyme_augmentfwd declared to
// return {result, tape} (the result first) as well as {tape, result}; and
// the caller's tape memory (`enzyme_allocated, size, enzyme_tape, memory`)
// after the arguments, in __enzyme_augmentfwd, and in __enzyme_reverse
// after the adjoint of the result. Against central differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

typedef struct { double y; void *tape; } ResultTape;
typedef struct { void *tape; double y; } TapeResult;
ResultTape __enzyme_augmentfwd_rt(void *, ...);
TapeResult __enzyme_augmentfwd_tr(void *, ...);
double __enzyme_augmentfwd_d(void *, ...);
double __enzyme_reverse_d(void *, ...);

static double energy(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += exp(0.3 * x[i]) * x[(i + 1) % n];
  return s;
}
static double energy_n(double *x) { return energy(x, 4); }

int main(void) {
  double y[4] = {0.2, -0.4, 0.9, 0.1};

  double d1[4] = {0};
  ResultTape rt = __enzyme_augmentfwd_rt((void *)energy, y, d1, enzyme_const, 4);
  EXPECT_NEAR(rt.y, energy(y, 4), 1e-15);
  __enzyme_reverse_d((void *)energy, y, d1, enzyme_const, 4, 1.0, rt.tape);

  double d2[4] = {0};
  TapeResult tr = __enzyme_augmentfwd_tr((void *)energy, y, d2, enzyme_const, 4);
  EXPECT_NEAR(tr.y, energy(y, 4), 1e-15);
  __enzyme_reverse_d((void *)energy, y, d2, enzyme_const, 4, 1.0, tr.tape);

  double d3[4] = {0};
  int bytes = __enzyme_augmentsize((void *)energy, enzyme_dup, enzyme_const);
  void *t = malloc(bytes);
  double f = __enzyme_augmentfwd_d((void *)energy, y, d3, enzyme_const, 4, enzyme_allocated,
                                   bytes, enzyme_tape, t);
  EXPECT_NEAR(f, energy(y, 4), 1e-15);
  __enzyme_reverse_d((void *)energy, y, d3, enzyme_const, 4, 2.0, enzyme_allocated, bytes,
                     enzyme_tape, t);
  free(t);

  for (int i = 0; i < 4; ++i) {
    double want = rm_fd(energy_n, y, 4, i);
    EXPECT_NEAR(d1[i], want, 1e-6);
    EXPECT_NEAR(d2[i], want, 1e-6);
    EXPECT_NEAR(d3[i], 2 * want, 1e-6);
  }
  return adj_report();
}
