// Reverse mode with structs by pointer: a struct of scalar fields and an array field read
// through a duplicated pointer together with an active scalar argument (its derivative is
// returned, the fields' in the shadow struct); a struct written through an output pointer
// (the caller seeds the shadow struct's fields); a nested struct. Analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  double a, b;
  double c[3];
} P;
typedef struct {
  P inner;
  double scale;
} Q;

static double eval(const P *p, double x) {
  return p->a * sin(x) + p->b * p->b + p->c[0] * p->c[1] * p->c[2] * x;
}
/* out->a = in->a * in->b, out->b = in->b + x, out->c[k] = in->c[k] * x */
static void transform(const P *in, P *out, double x) {
  out->a = in->a * in->b;
  out->b = in->b + x * x;
  for (int k = 0; k < 3; ++k)
    out->c[k] = in->c[k] * x;
}
static double nested(const Q *q) { return q->scale * (q->inner.a + q->inner.c[2] * q->inner.b); }

int main(void) {
  P p = {1.5, -0.5, {0.2, 0.3, 0.4}}, dp;
  double x = 0.7;
  memset(&dp, 0, sizeof dp);
  double dxr = __enzyme_autodiff((void *)eval, enzyme_dup, &p, &dp, x);
  EXPECT_NEAR(dxr, p.a * cos(x) + p.c[0] * p.c[1] * p.c[2], 1e-14);
  EXPECT_NEAR(dp.a, sin(x), 1e-15);
  EXPECT_NEAR(dp.b, 2 * p.b, 1e-15);
  EXPECT_NEAR(dp.c[0], p.c[1] * p.c[2] * x, 1e-15);
  EXPECT_NEAR(dp.c[1], p.c[0] * p.c[2] * x, 1e-15);
  EXPECT_NEAR(dp.c[2], p.c[0] * p.c[1] * x, 1e-15);

  P out, dout = {2.0, 3.0, {-1.0, 0.5, 4.0}}, dp2;
  memset(&dp2, 0, sizeof dp2);
  double dxt = __enzyme_autodiff((void *)transform, enzyme_dup, &p, &dp2, enzyme_dup, &out,
                                 &dout, x);
  EXPECT_NEAR(out.a, p.a * p.b, 1e-15);
  EXPECT_NEAR(out.c[1], p.c[1] * x, 1e-15);
  EXPECT_NEAR(dp2.a, 2.0 * p.b, 1e-15);
  EXPECT_NEAR(dp2.b, 2.0 * p.a + 3.0, 1e-15);
  EXPECT_NEAR(dp2.c[0], -1.0 * x, 1e-15);
  EXPECT_NEAR(dp2.c[1], 0.5 * x, 1e-15);
  EXPECT_NEAR(dp2.c[2], 4.0 * x, 1e-15);
  EXPECT_NEAR(dxt, 3.0 * 2 * x + (-1.0 * p.c[0] + 0.5 * p.c[1] + 4.0 * p.c[2]), 1e-14);
  EXPECT_NEAR(dout.a, 0.0, 0.0);
  EXPECT_NEAR(dout.b, 0.0, 0.0);
  for (int k = 0; k < 3; ++k)
    EXPECT_NEAR(dout.c[k], 0.0, 0.0);

  Q q = {{1.0, 2.0, {0, 0, 3.0}}, 0.5}, dq;
  memset(&dq, 0, sizeof dq);
  __enzyme_autodiff((void *)nested, enzyme_dup, &q, &dq);
  EXPECT_NEAR(dq.scale, 1.0 + 3.0 * 2.0, 1e-15);
  EXPECT_NEAR(dq.inner.a, 0.5, 1e-15);
  EXPECT_NEAR(dq.inner.b, 0.5 * 3.0, 1e-15);
  EXPECT_NEAR(dq.inner.c[2], 0.5 * 2.0, 1e-15);
  EXPECT_NEAR(dq.inner.c[0], 0.0, 0.0);
  return adj_report();
}
