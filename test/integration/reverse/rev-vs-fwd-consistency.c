// Reverse mode gradients agree with forward-mode directional derivatives (<grad, v> = tangent along v) for a function with loops, branches and libm over a duplicated array plus active scalars.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double da, db;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double f(const double *x, int n, double a, double b) {
  double s = 0.0, p = 1.0;
  for (int i = 0; i < n; ++i) {
    double t = x[i] * a + b;
    if (t > 0.0)
      s += log1p(t * t) * cos(x[i]);
    else
      s += atan(t) * x[i];
    p *= 1.0 + 0.05 * tanh(x[i] * b);
  }
  return s * p + a * b;
}

#define N 15
static double A = 0.7, B = -0.25;
static double gx(const double *x) { return f(x, N, A, B); }
static double X_[N];
static double ga(double a) { return f(X_, N, a, B); }
static double gb(double b) { return f(X_, N, A, b); }

int main(void) {
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; ++i)
    x[i] = 1.2 * sin(0.8 * i + 0.5);
  double a = A, b = B;
  D2 g = __enzyme_autodiff2((void *)f, enzyme_dup, x, dx, N, a, b);
  /* several directions: unit vectors, and mixed ones */
  for (int dir = 0; dir < N + 4; ++dir) {
    double v[N], va, vb;
    for (int i = 0; i < N; ++i)
      v[i] = dir < N ? (i == dir ? 1.0 : 0.0) : cos(dir * 1.3 + i);
    va = dir < N ? 0.0 : 0.5 * dir;
    vb = dir < N ? 0.0 : -0.3;
    double t = __enzyme_fwddiff((void *)f, enzyme_dup, x, v, N, a, va, b, vb);
    double dot = g.da * va + g.db * vb;
    for (int i = 0; i < N; ++i)
      dot += dx[i] * v[i];
    EXPECT_NEAR(dot, t, 1e-12);
  }
  double ta = __enzyme_fwddiff((void *)f, enzyme_const, x, N, a, 1.0, enzyme_const, b);
  double tb = __enzyme_fwddiff((void *)f, enzyme_const, x, N, enzyme_const, a, b, 1.0);
  EXPECT_NEAR(g.da, ta, 1e-12);
  EXPECT_NEAR(g.db, tb, 1e-12);
  for (int i = 0; i < N; ++i)
    X_[i] = x[i];
  EXPECT_NEAR(g.da, adj_fd(ga, a), 1e-6);
  EXPECT_NEAR(g.db, adj_fd(gb, b), 1e-6);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rev_fd_vec(gx, x, N, i), 1e-6);
  return adj_report();
}
