// Reverse mode with float arrays: a float input read through a duplicated pointer, a float
// output array seeded by the caller, an in-place float update, and double accumulation of
// float products (fpext inside). The float gradients are compared with analytic values
// computed in double (float tolerance) and with finite differences of a double twin of each
// function.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static float fsum(const float *x, int n) {
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * sinf(x[(i + 1) % n]);
  return s;
}
static double dsum(double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += x[i] * x[i] * sin(x[(i + 1) % N]);
  return s;
}
static void fout(const float *x, float *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = expf(0.5f * x[i]) * x[(i + n - 1) % n];
}
static double mixed(float *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] * x[i] + 0.5f;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (double)x[i] * (double)x[(i + 1) % n];
  return s;
}

int main(void) {
  float x[N] = {0.3f, -0.7f, 1.1f, 0.45f, -1.3f, 0.8f}, dx[N] = {0};
  double xd[N];
  for (int i = 0; i < N; ++i)
    xd[i] = x[i];
  __enzyme_autodiff((void *)fsum, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    double prev = xd[(i + N - 1) % N];
    double want = 2 * xd[i] * sin(xd[(i + 1) % N]) + prev * prev * cos(xd[i]);
    EXPECT_NEAR((double)dx[i], want, 1e-5);
    EXPECT_NEAR((double)dx[i], rm_fd(dsum, xd, N, i), 1e-5);
  }

  float y[N], dy[N], gx[N] = {0};
  for (int i = 0; i < N; ++i)
    dy[i] = 1.0f + 0.5f * i;
  __enzyme_autodiff((void *)fout, enzyme_dup, x, gx, enzyme_dup, y, dy, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    /* y_j = e^{x_j/2} x_{j-1}: d/dx_j from y_j and from y_{j+1} */
    int k = (j + 1) % N;
    double want = (1.0 + 0.5 * j) * 0.5 * exp(0.5 * xd[j]) * xd[(j + N - 1) % N] +
                  (1.0 + 0.5 * k) * exp(0.5 * xd[k]);
    EXPECT_NEAR((double)gx[j], want, 1e-5);
    EXPECT_NEAR((double)dy[j], 0.0, 0.0);
  }

  float z[N], dz[N] = {0};
  memcpy(z, x, sizeof z);
  __enzyme_autodiff((void *)mixed, enzyme_dup, z, dz, enzyme_const, N);
  for (int j = 0; j < N; ++j) {
    double u_prev = xd[(j + N - 1) % N] * xd[(j + N - 1) % N] + 0.5;
    double u_next = xd[(j + 1) % N] * xd[(j + 1) % N] + 0.5;
    EXPECT_NEAR((double)dz[j], 2 * xd[j] * (u_prev + u_next), 1e-5);
  }
  return adj_report();
}
