// Reverse mode through a struct of mixed int and double fields passed by pointer and copied
// with struct assignment inside the differentiated function: a local copy (S s = *p) that is
// modified and copied again (t = s), an array-of-structs element assigned from another, and
// a struct written back through an output pointer (*out = t) whose shadow the caller seeds.
// Only the double fields carry gradients; the int fields of the shadows stay 0. Analytic
// values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  int n;
  double a;
  int flag;
  double v[3];
  long tag;
} S;

/* s = *p; s.a *= 2; t = s; t.v[i] *= t.a; out = t; returns sum_i<n t.v[i]^2 + flag * a */
static double copy_ops(const S *p, S *out) {
  S s = *p;
  s.a *= 2.0;
  S t;
  t = s;
  for (int i = 0; i < 3; ++i)
    t.v[i] *= t.a;
  *out = t;
  double r = 0;
  for (int i = 0; i < t.n; ++i)
    r += t.v[i] * t.v[i];
  return r + (t.flag ? t.a : 0.0);
}
/* arr[1] = arr[0]; arr[1].a = sin(arr[1].a); sum of a * v[0] over both */
static double elem_assign(S *arr) {
  arr[1] = arr[0];
  arr[1].a = sin(arr[1].a);
  return arr[0].a * arr[0].v[0] + arr[1].a * arr[1].v[0];
}
static double copy_ops_a(double a) {
  S p = {2, a, 1, {0.5, -1.5, 3.0}, 99}, o;
  return copy_ops(&p, &o);
}

int main(void) {
  S p = {2, 0.75, 1, {0.5, -1.5, 3.0}, 99}, dp, out, dout;
  memset(&dp, 0, sizeof dp);
  memset(&dout, 0, sizeof dout);
  dout.a = 0.5;
  dout.v[2] = 2.0;
  __enzyme_autodiff((void *)copy_ops, &p, &dp, &out, &dout);
  double A = 2 * p.a; /* t.a */
  EXPECT_NEAR(out.a, A, 1e-15);
  EXPECT_NEAR((double)out.tag, 99, 0);
  EXPECT_NEAR((double)out.n, 2, 0);
  /* r = sum_{i<2} (A v_i)^2 + A; outputs seeded: 0.5 * A + 2 * A v_2 */
  double dA = 2 * A * (p.v[0] * p.v[0] + p.v[1] * p.v[1]) + 1 + 0.5 + 2.0 * p.v[2];
  EXPECT_NEAR(dp.a, 2 * dA, 1e-14);
  EXPECT_NEAR(dp.v[0], 2 * A * A * p.v[0], 1e-14);
  EXPECT_NEAR(dp.v[1], 2 * A * A * p.v[1], 1e-14);
  EXPECT_NEAR(dp.v[2], 2.0 * A, 1e-14);
  EXPECT_NEAR((double)dp.n + dp.flag + dp.tag, 0, 0);
  EXPECT_NEAR(dout.a + dout.v[0] + dout.v[1] + dout.v[2], 0, 0);

  /* finite differences on a alone (no output seed) */
  S dq, oq, dd;
  memset(&dq, 0, sizeof dq);
  memset(&dd, 0, sizeof dd);
  __enzyme_autodiff((void *)copy_ops, &p, &dq, &oq, &dd);
  EXPECT_NEAR(dq.a, adj_fd(copy_ops_a, p.a), 1e-6);

  S arr[2] = {{1, 0.6, 0, {1.5, 0, 0}, 1}, {3, 9.0, 1, {9, 9, 9}, 2}}, darr[2];
  memset(darr, 0, sizeof darr);
  __enzyme_autodiff((void *)elem_assign, arr, darr);
  double a = 0.6, v = 1.5;
  EXPECT_NEAR(darr[0].a, v + cos(a) * v, 1e-14);
  EXPECT_NEAR(darr[0].v[0], a + sin(a), 1e-14);
  EXPECT_NEAR(darr[1].a + darr[1].v[0] + darr[1].v[1] + darr[1].v[2], 0, 0);
  EXPECT_NEAR((double)darr[0].n + darr[0].flag + darr[1].n + darr[1].tag, 0, 0);
  return adj_report();
}
