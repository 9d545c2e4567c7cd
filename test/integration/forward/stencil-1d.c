// Forward mode through a 1-D heat-equation stencil iterated in time with two ping-pong buffers.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <string.h>

#define N 16
#define STEPS 25

/* explicit diffusion with fixed (zero) boundaries; returns the energy sum u^2 */
static double heat(const double *u0, double nu, double *out) {
  double a[N], b[N];
  memcpy(a, u0, sizeof a);
  double *cur = a, *nxt = b;
  for (int t = 0; t < STEPS; ++t) {
    nxt[0] = 0.0;
    nxt[N - 1] = 0.0;
    for (int i = 1; i < N - 1; ++i)
      nxt[i] = cur[i] + nu * (cur[i - 1] - 2.0 * cur[i] + cur[i + 1]);
    double *tmp = cur;
    cur = nxt;
    nxt = tmp;
  }
  double e = 0.0;
  for (int i = 0; i < N; ++i) {
    out[i] = cur[i];
    e += cur[i] * cur[i];
  }
  return e;
}

int main(void) {
  double u0[N], du0[N], out[N], dout[N];
  for (int i = 0; i < N; ++i) {
    u0[i] = sin(3.14159 * i / (N - 1)) + 0.1 * (i % 3);
    du0[i] = (i == 5) ? 1.0 : 0.0;
  }
  double nu = 0.3;
  /* tangent wrt one initial value, nu constant */
  double d = __enzyme_fwddiff((void *)heat, enzyme_dup, u0, du0, enzyme_const, nu, enzyme_dup,
                              out, dout);
  double h = 1e-6, up[N], um[N], op[N], om[N];
  for (int i = 0; i < N; ++i) {
    up[i] = u0[i] + h * du0[i];
    um[i] = u0[i] - h * du0[i];
  }
  double ep = heat(up, nu, op), em = heat(um, nu, om);
  EXPECT_NEAR(d, (ep - em) / (2 * h), 1e-6);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dout[i], (op[i] - om[i]) / (2 * h), 1e-6);
  /* linearity in u0: dout for a unit tangent equals the response to that unit vector */
  double unit[N] = {0}, resp[N];
  unit[5] = 1.0;
  heat(unit, nu, resp);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dout[i], resp[i], 1e-12);
  /* tangent wrt the diffusion coefficient */
  double zero[N] = {0};
  double dn = __enzyme_fwddiff((void *)heat, enzyme_dup, u0, zero, enzyme_dup, nu, 1.0,
                               enzyme_dup, out, dout);
  ep = heat(u0, nu + h, op);
  em = heat(u0, nu - h, om);
  EXPECT_NEAR(dn, (ep - em) / (2 * h), 1e-6);
  return adj_report();
}
