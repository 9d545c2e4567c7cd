// A user's allocator and its free registered with __enzyme_allocation_like: shadows of its blocks
// come from the same allocator and go back through the registered free (with the size the
// map asks for), in reverse, split and forward mode; the allocators count their live blocks,
// which must be back at zero after every derivative, and their calls. (Tables are `used`: link-time
// optimization drops an unreferenced table before Adjoint runs.) Checked against analytic values.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>
#include <string.h>

/* A pool that counts what is live, and its calls: a derivative takes a shadow block from it. */
static int pool_live = 0, pool_calls = 0;
__attribute__((noinline)) void *pool_alloc(size_t bytes) {
  ++pool_live;
  ++pool_calls;
  return malloc(bytes);
}
__attribute__((noinline)) void pool_free(void *p) {
  --pool_live;
  free(p);
}
__attribute__((used)) void *__enzyme_allocation_like_pool[4] = {
    (void *)pool_alloc, (void *)0, (void *)"-1", (void *)pool_free};

/* An arena whose free takes the size back: the map passes the allocation's argument 1. */
static long arena_bytes = 0;
__attribute__((noinline)) void *arena_get(int tag, size_t bytes) {
  arena_bytes += (long)bytes + tag * 0;
  return calloc(1, bytes);
}
__attribute__((noinline)) void arena_put(void *p, size_t bytes) {
  arena_bytes -= (long)bytes;
  free(p);
}
__attribute__((used)) void *__enzyme_allocation_like_arena[4] = {
    (void *)arena_get, (void *)1, (void *)"-1,1", (void *)arena_put};

/* sum of squares of prefix sums, through a temporary from the pool */
static double prefixEnergy(const double *x, int n) {
  double *t = pool_alloc(n * sizeof(double));
  double s = 0.0, e = 0.0;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    t[i] = s;
  }
  for (int i = 0; i < n; ++i)
    e += t[i] * t[i];
  pool_free(t);
  return e;
}

/* the same with the arena, and a block the function keeps until the end */
static double arenaEnergy(const double *x, int n) {
  double *a = arena_get(7, n * sizeof(double));
  double *b = arena_get(7, n * sizeof(double));
  for (int i = 0; i < n; ++i)
    a[i] = x[i] * x[i];
  for (int i = 0; i < n; ++i)
    b[i] = a[i] + (i ? b[i - 1] : 0.0);
  arena_put(a, n * sizeof(double));
  double r = b[n - 1] * x[0];
  arena_put(b, n * sizeof(double));
  return r;
}

void *__enzyme_augmentfwd(void *, ...);
void __enzyme_reverse(void *, ...);

int main(void) {
  enum { N = 5 };
  const double x[N] = {0.5, -1.0, 2.0, 0.25, 1.5};
  /* d/dx_k sum_i (sum_{j<=i} x_j)^2 = 2 sum_{i>=k} S_i */
  double S[N], want[N];
  for (int i = 0; i < N; ++i)
    S[i] = x[i] + (i ? S[i - 1] : 0.0);
  for (int k = 0; k < N; ++k) {
    want[k] = 0.0;
    for (int i = k; i < N; ++i)
      want[k] += 2 * S[i];
  }
  double dx[N] = {0};
  __enzyme_autodiff((void *)prefixEnergy, x, dx, enzyme_const, N);
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(dx[k], want[k], 1e-12);
  EXPECT_NEAR(pool_live, 0, 0);
  EXPECT_NEAR(pool_calls, 2, 0); /* the block and its shadow */

  memset(dx, 0, sizeof dx);
  pool_calls = 0;
  void *tape = __enzyme_augmentfwd((void *)prefixEnergy, x, dx, enzyme_const, N);
  __enzyme_reverse((void *)prefixEnergy, x, dx, enzyme_const, N, 1.0, tape);
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(dx[k], want[k], 1e-12);
  EXPECT_NEAR(pool_live, 0, 0);
  EXPECT_NEAR(pool_calls, 2, 0);
  pool_calls = 0;

  for (int k = 0; k < N; ++k) {
    double e[N] = {0};
    e[k] = 1.0;
    EXPECT_NEAR(__enzyme_fwddiff((void *)prefixEnergy, x, e, enzyme_const, N), want[k], 1e-12);
  }
  EXPECT_NEAR(pool_live, 0, 0);
  EXPECT_NEAR(pool_calls, 2 * N, 0);

  /* r = x0 * sum_i x_i^2: dr/dx_k = 2 x0 x_k (+ sum for k = 0) */
  double sq = 0.0;
  for (int i = 0; i < N; ++i)
    sq += x[i] * x[i];
  memset(dx, 0, sizeof dx);
  __enzyme_autodiff((void *)arenaEnergy, x, dx, enzyme_const, N);
  for (int k = 0; k < N; ++k)
    EXPECT_NEAR(dx[k], 2 * x[0] * x[k] + (k == 0 ? sq : 0.0), 1e-12);
  EXPECT_NEAR(arena_bytes, 0, 0);
  double e0[N] = {1.0};
  EXPECT_NEAR(__enzyme_fwddiff((void *)arenaEnergy, x, e0, enzyme_const, N), 2 * x[0] * x[0] + sq,
              1e-12);
  EXPECT_NEAR(arena_bytes, 0, 0);
  return adj_report();
}
