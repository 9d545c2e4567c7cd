// Reverse mode through float (not double) arrays moved with memcpy: a float input copied into
// a local float buffer that is then updated and reduced; a float result computed in a local
// buffer and memcpy'ed into a float output array the caller seeds; a memcpy from one float
// argument into another (an input copied into an output, then the output is scaled in
// place); and a malloc'ed float buffer filled by memcpy. Analytic values at float tolerance.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 6
static float local_copy(const float *x) {
  float b[N];
  memcpy(b, x, sizeof b);
  for (int i = 0; i < N; ++i)
    b[i] = b[i] * b[i] + 1.0f;
  float s = 0;
  for (int i = 0; i < N; ++i)
    s += b[i] * (float)(i + 1);
  return s;
}
static void out_copy(const float *x, float *y) {
  float t[N];
  for (int i = 0; i < N; ++i)
    t[i] = sinf(x[i]) * x[(i + 1) % N];
  memcpy(y, t, sizeof t);
}
static void arg_to_arg(const float *x, float *y) {
  memcpy(y, x, N * sizeof(float));
  for (int i = 0; i < N; ++i)
    y[i] *= y[i] * 2.0f;
}
static float heap_copy(const float *x) {
  float *h = (float *)malloc(N * sizeof(float));
  memcpy(h, x, N * sizeof(float));
  float s = 0;
  for (int i = 0; i < N; ++i)
    s += expf(0.5f * h[i]) * h[(i + 2) % N];
  free(h);
  return s;
}

int main(void) {
  float x[N] = {0.3f, -0.7f, 1.1f, 0.45f, -1.2f, 0.8f};
  float d[N] = {0};
  __enzyme_autodiff((void *)local_copy, x, d);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR((double)d[i], 2.0 * (i + 1) * x[i], 1e-5);

  float y[N], dy[N], dx[N] = {0};
  const float w[N] = {1.0f, -0.5f, 2.0f, 0.25f, 1.5f, -1.0f};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)out_copy, x, dx, y, dy);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N;
    double want = w[i] * cos((double)x[i]) * x[(i + 1) % N] + w[p] * sin((double)x[p]);
    EXPECT_NEAR((double)dx[i], want, 1e-5);
    EXPECT_NEAR((double)y[i], sin((double)x[i]) * x[(i + 1) % N], 1e-6);
    EXPECT_NEAR((double)dy[i], 0, 0);
  }

  float dx2[N] = {0};
  memcpy(dy, w, sizeof dy);
  __enzyme_autodiff((void *)arg_to_arg, x, dx2, y, dy);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR((double)dx2[i], 4.0 * w[i] * x[i], 1e-5);
    EXPECT_NEAR((double)dy[i], 0, 0);
  }

  float dh[N] = {0};
  __enzyme_autodiff((void *)heap_copy, x, dh);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 2) % N, q = (i + 2) % N;
    double want = 0.5 * exp(0.5 * x[i]) * x[q] + exp(0.5 * x[p]);
    EXPECT_NEAR((double)dh[i], want, 1e-5);
  }
  return adj_report();
}
