// enzyme_runtime_activity: a duplicated pointer whose shadow is the primal itself is
// inactive, decided at run time. The same derivative is called with a real shadow and with
// the primal as its shadow; the primal's memory must never receive adjoints or tangents, and
// the other derivatives must be right. Reverse (combined and split), forward, copies into and
// out of such memory, memset, and a BLAS call. Checked against analytic values.
// link: -lopenblas
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cblas.h>
#include <math.h>
#include <string.h>

extern int enzyme_runtime_activity;
void *__enzyme_augmentfwd(void *, ...);
void __enzyme_reverse(void *, ...);

__attribute__((noinline)) static double weighted(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * sin(b[i]);
  return s;
}

// out = x * x elementwise, through a copy into scratch memory that may be inactive.
__attribute__((noinline)) static void squares(double *out, const double *x, double *scratch,
                                              int n) {
  memset(scratch, 0, n * sizeof(double));
  memcpy(scratch, x, n * sizeof(double));
  for (int i = 0; i < n; ++i)
    out[i] = scratch[i] * x[i];
}

__attribute__((noinline)) static double blas_dot(int n, const double *a, const double *b) {
  return cblas_ddot(n, a, 1, b, 1) + a[0];
}

int main(void) {
  double a[3] = {1, 2, 3}, b[3] = {0.1, 0.2, 0.3};
  const double b0[3] = {0.1, 0.2, 0.3};
  for (int same = 0; same < 2; ++same) {
    double da[3] = {0}, db[3] = {0};
    __enzyme_autodiff((void *)weighted, enzyme_runtime_activity, enzyme_dup, a, da, enzyme_dup,
                      b, same ? b : db, enzyme_const, 3);
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(da[i], sin(b0[i]), 1e-14);
      EXPECT_NEAR(b[i], b0[i], 0); // the primal is not a shadow
      EXPECT_NEAR(db[i], same ? 0 : a[i] * cos(b0[i]), 1e-14);
    }
    // Split: the same pair of halves, the tape in between.
    double sa[3] = {0}, sb[3] = {0};
    void *tape = __enzyme_augmentfwd((void *)weighted, enzyme_runtime_activity, enzyme_dup, a,
                                     sa, enzyme_dup, b, same ? b : sb, enzyme_const, 3);
    __enzyme_reverse((void *)weighted, enzyme_runtime_activity, enzyme_dup, a, sa, enzyme_dup, b,
                     same ? b : sb, enzyme_const, 3, 1.0, tape);
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(sa[i], sin(b0[i]), 1e-14);
      EXPECT_NEAR(b[i], b0[i], 0);
      EXPECT_NEAR(sb[i], same ? 0 : a[i] * cos(b0[i]), 1e-14);
    }
    // Forward: the tangent along a, and along b only when b has a shadow of its own.
    double ta[3] = {1, 0, 0}, tb[3] = {0, 1, 0};
    double t = __enzyme_fwddiff((void *)weighted, enzyme_runtime_activity, enzyme_dup, a, ta,
                                enzyme_dup, b, same ? b : tb, enzyme_const, 3);
    EXPECT_NEAR(t, sin(b0[0]) + (same ? 0 : a[1] * cos(b0[1])), 1e-14);
  }
  for (int same = 0; same < 2; ++same) {
    double x[3] = {0.5, -1.5, 2.0}, dx[3] = {0}, out[3], dout[3] = {1, 2, 3};
    double scratch[3], dscratch[3] = {0};
    __enzyme_autodiff((void *)squares, enzyme_runtime_activity, enzyme_dup, out, dout,
                      enzyme_dup, x, dx, enzyme_dup, scratch, same ? scratch : dscratch,
                      enzyme_const, 3);
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(out[i], x[i] * x[i], 1e-15);
      // Through inactive scratch memory only the direct factor carries a derivative.
      EXPECT_NEAR(dx[i], (same ? 1 : 2) * x[i] * (i + 1), 1e-14);
      EXPECT_NEAR(dscratch[i], 0, 0);
    }
  }
  for (int same = 0; same < 2; ++same) {
    double p[3] = {1, 2, 3}, q[3] = {4, 5, 6}, dp[3] = {0}, dq[3] = {0};
    __enzyme_autodiff((void *)blas_dot, enzyme_runtime_activity, enzyme_const, 3, enzyme_dup, p,
                      dp, enzyme_dup, q, same ? q : dq);
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(dp[i], q[i] + (i == 0), 1e-14);
      EXPECT_NEAR(q[i], 4 + i, 0);
      EXPECT_NEAR(dq[i], same ? 0 : p[i], 1e-14);
    }
  }
  return adj_report();
}
