// Reverse mode through a nonlinear Gauss-Seidel-like sweep that updates its input in place:
// u_i <- (b_i + u_{i-1} + u_{i+1}) / (4 + u_i^2), each update reading the neighbour just
// updated on the left and the old one on the right, several sweeps, then a cost sum u_i^2.
// Both the initial guess u (overwritten) and the right-hand side b (read only) are
// duplicated. Finite differences on fresh copies, and an analytic value for one sweep of the
// linear version.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static double gs(double *u, const double *b, int sweeps) {
  for (int s = 0; s < sweeps; ++s)
    for (int i = 0; i < N; ++i) {
      double l = i > 0 ? u[i - 1] : 0.0, r = i + 1 < N ? u[i + 1] : 0.0;
      u[i] = (b[i] + l + r) / (4.0 + u[i] * u[i]);
    }
  double c = 0;
  for (int i = 0; i < N; ++i)
    c += u[i] * u[i];
  return c;
}
/* z = (u, b) packed for the finite differences */
static double gs_packed(double *z) { return gs(z, z + N, 3); }
/* linear: u_i <- (b_i + u_{i-1} + u_{i+1}) / 4, one sweep; cost sum u_i */
static double gs_lin(double *u, const double *b) {
  for (int i = 0; i < N; ++i) {
    double l = i > 0 ? u[i - 1] : 0.0, r = i + 1 < N ? u[i + 1] : 0.0;
    u[i] = (b[i] + l + r) / 4.0;
  }
  double c = 0;
  for (int i = 0; i < N; ++i)
    c += u[i];
  return c;
}

int main(void) {
  const double u0[N] = {0.5, -0.2, 0.9, 0.1, -0.6, 0.3};
  const double b[N] = {1.0, 0.5, -0.5, 2.0, 0.25, -1.0};
  double u[N], du[N] = {0}, db[N] = {0};
  memcpy(u, u0, sizeof u);
  __enzyme_autodiff((void *)gs, u, du, b, db, enzyme_const, 3);
  double z[2 * N];
  memcpy(z, u0, sizeof u0);
  memcpy(z + N, b, sizeof b);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(du[i], rm_fd(gs_packed, z, 2 * N, i), 1e-6);
    EXPECT_NEAR(db[i], rm_fd(gs_packed, z, 2 * N, N + i), 1e-6);
  }

  /* linear sweep by hand: u_i = (b_i + u_{i-1}(new) + u0_{i+1}) / 4; cost sum u_i. The
     adjoint of the new u_i is
     a_i = 1 + a_{i+1} / 4 (from u_{i+1} reading it), a_{N-1} = 1. Then db_i = a_i / 4 and
     du0_{i+1} = a_i / 4 (read as the right neighbour before being overwritten), du0_0 = 0. */
  double ul[N], dul[N] = {0}, dbl[N] = {0};
  memcpy(ul, u0, sizeof ul);
  __enzyme_autodiff((void *)gs_lin, ul, dul, b, dbl);
  double a[N];
  for (int i = N - 1; i >= 0; --i)
    a[i] = 1.0 + (i + 1 < N ? a[i + 1] / 4.0 : 0.0);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(dbl[i], a[i] / 4.0, 1e-15);
    EXPECT_NEAR(dul[i], i > 0 ? a[i - 1] / 4.0 : 0.0, 1e-15);
  }
  return adj_report();
}
