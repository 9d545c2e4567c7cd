// Forward mode where active pointers are chosen by select/phi (ternary on pointers, swapping buffers).
// RUN: %check-program %s
#include "adjoint_test.h"

#define N 4

/* pick whichever input has the larger first entry, scale it into out; then alternate reads */
static double pick(const double *a, const double *b, double *out) {
  const double *p = a[0] > b[0] ? a : b;
  for (int i = 0; i < N; ++i)
    out[i] = 2.0 * p[i] * p[i];
  double s = 0.0;
  const double *q = a;
  for (int i = 0; i < N; ++i) {
    s += q[i] * out[i];
    q = (q == a) ? b : a; /* pointer phi */
  }
  return s;
}

int main(void) {
  double a[N] = {1.0, 0.5, -0.3, 2.0}, b[N] = {0.4, -1.0, 1.5, 0.7};
  for (int which = 0; which < 2; ++which) {
    if (which)
      a[0] = 0.1; /* now b wins */
    for (int j = 0; j < 2 * N; ++j) {
      double da[N] = {0}, db[N] = {0}, out[N], dout[N];
      if (j < N)
        da[j] = 1.0;
      else
        db[j - N] = 1.0;
      double d = __enzyme_fwddiff((void *)pick, a, da, b, db, out, dout);
      double ap[N], am[N], bp[N], bm[N], op[N], om[N], h = 1e-6;
      for (int i = 0; i < N; ++i) {
        ap[i] = a[i] + h * da[i];
        am[i] = a[i] - h * da[i];
        bp[i] = b[i] + h * db[i];
        bm[i] = b[i] - h * db[i];
      }
      double sp = pick(ap, bp, op), sm = pick(am, bm, om);
      EXPECT_NEAR(d, (sp - sm) / (2 * h), 1e-6);
      for (int i = 0; i < N; ++i)
        EXPECT_NEAR(dout[i], (op[i] - om[i]) / (2 * h), 1e-6);
    }
  }
  return adj_report();
}
