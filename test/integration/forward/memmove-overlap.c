// Forward mode through memmove within one active buffer (overlapping shift) and a strided gather.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

#define N 8

/* shift the buffer right by two with memmove (overlapping), fill the head, return a weighted sum */
static double shift_sum(double *a) {
  memmove(a + 2, a, (N - 2) * sizeof(double));
  a[0] = a[2] * a[3];
  a[1] = sin(a[4]);
  double s = 0.0;
  for (int i = 0; i < N; ++i)
    s += (i + 1) * a[i];
  return s;
}

int main(void) {
  const double a0[N] = {0.5, 1.5, -0.5, 2.0, 0.25, -1.0, 0.75, 3.0};
  for (int j = 0; j < N; ++j) {
    double a[N], da[N] = {0};
    memcpy(a, a0, sizeof a);
    da[j] = 1.0;
    double d = __enzyme_fwddiff((void *)shift_sum, a, da);
    double ap[N], am[N], h = 1e-6;
    memcpy(ap, a0, sizeof ap);
    memcpy(am, a0, sizeof am);
    ap[j] += h;
    am[j] -= h;
    double sp = shift_sum(ap), sm = shift_sum(am);
    EXPECT_NEAR(d, (sp - sm) / (2 * h), 1e-6);
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(da[i], (ap[i] - am[i]) / (2 * h), 1e-6);
    /* after the shift a[i+2] = a0[i]: the shadow moved too */
    for (int i = 2; i < N; ++i)
      EXPECT_NEAR(da[i], i - 2 == j ? 1.0 : 0.0, 0.0);
  }
  return adj_report();
}
