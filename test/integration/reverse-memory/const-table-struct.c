// Reverse mode through a constant table of structs (a Butcher tableau, static const) read in
// the loops of explicit Runge-Kutta steps over a state array read and written through a
// duplicated pointer (updated in place), with the stage values in a local 2D array and the
// right-hand side written through an output pointer. Finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define S 4
#define D 3
typedef struct {
  double a[S][S];
  double b[S];
  double c[S];
} Tableau;
static const Tableau RK4 = {{{0, 0, 0, 0}, {0.5, 0, 0, 0}, {0, 0.5, 0, 0}, {0, 0, 1, 0}},
                            {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
                            {0, 0.5, 0.5, 1}};

static void rhs(double t, const double *y, double *f) {
  f[0] = y[1];
  f[1] = -sin(y[0]) - 0.1 * y[1] + 0.2 * cos(t);
  f[2] = y[0] * y[1] - y[2];
}
static double integrate(double *y, int steps) {
  double h = 0.1, t = 0;
  for (int n = 0; n < steps; ++n) {
    double k[S][D], tmp[D];
    for (int s = 0; s < S; ++s) {
      for (int d = 0; d < D; ++d) {
        tmp[d] = y[d];
        for (int j = 0; j < s; ++j)
          tmp[d] += h * RK4.a[s][j] * k[j][d];
      }
      rhs(t + RK4.c[s] * h, tmp, k[s]);
    }
    for (int d = 0; d < D; ++d)
      for (int s = 0; s < S; ++s)
        y[d] += h * RK4.b[s] * k[s][d];
    t += h;
  }
  return y[0] * y[0] + y[1] + 0.5 * y[2];
}
static double integrate_n(double *y) { return integrate(y, 6); }

int main(void) {
  double y0[D] = {0.6, -0.2, 0.3}, y[D], dy[D] = {0};
  memcpy(y, y0, sizeof y);
  __enzyme_autodiff((void *)integrate, enzyme_dup, y, dy, enzyme_const, 6);
  for (int d = 0; d < D; ++d)
    EXPECT_NEAR(dy[d], rm_fd(integrate_n, y0, D, d), 1e-6);
  return adj_report();
}
