// Forward mode through calloc'd storage that is grown with realloc while active values live in it.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

/* Build the sequence v_k = v_{k-1} * x + 1 in a buffer that starts small (calloc) and is grown
 * with realloc; return the sum of the sequence. */
static double grow(double x, int n) {
  int cap = 2;
  double *v = (double *)calloc(cap, sizeof(double));
  v[0] = x;
  for (int k = 1; k < n; ++k) {
    if (k == cap) {
      cap *= 2;
      v = (double *)realloc(v, cap * sizeof(double));
    }
    v[k] = v[k - 1] * x + 1.0;
  }
  double s = 0.0;
  for (int k = 0; k < n; ++k)
    s += v[k];
  free(v);
  return s;
}

static int g_n;
static double grow_n(double x) { return grow(x, g_n); }

int main(void) {
  const int ns[] = {1, 2, 3, 5, 9, 17};
  for (unsigned t = 0; t < sizeof ns / sizeof ns[0]; ++t) {
    g_n = ns[t];
    for (double x = -0.9; x <= 0.9; x += 0.3) {
      double d = __enzyme_fwddiff((void *)grow, x, 1.0, g_n);
      /* analytic: propagate value and derivative together */
      double v = x, dv = 1.0, ds = 1.0;
      for (int k = 1; k < g_n; ++k) {
        dv = dv * x + v;
        v = v * x + 1.0;
        ds += dv;
      }
      EXPECT_NEAR(d, ds, 1e-12);
      EXPECT_NEAR(d, adj_fd(grow_n, x), 1e-6);
    }
  }
  return adj_report();
}
