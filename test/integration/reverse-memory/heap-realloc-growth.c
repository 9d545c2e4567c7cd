// Reverse mode through a buffer grown by realloc in a loop, starting from
// NULL (issue 10): realloc becomes malloc + copy + free of the old block,
// and the old block is a phi of NULL and earlier blocks, like a moved-from
// std::vector's. The free of that phi once waited for the gradient's end
// with its shadow while the allocation's reverse freed the same shadow (a
// double free at -O1). Covered: growth from NULL by doubling, growth from
// a malloc'd block over a nested loop, an array of structs mixing a double
// and an int; gradients against the analytic
// derivative and central differences; valgrind checks the frees.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <stdlib.h>

#define N 5
static double from_null(double *x) {
  double *buf = NULL;
  int cap = 0;
  for (int i = 0; i < N; ++i) {
    if (i >= cap) {
      cap = cap ? 2 * cap : 1;
      buf = (double *)realloc(buf, cap * sizeof(double));
    }
    buf[i] = sin(x[i]) * (i + 1);
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += buf[i] * buf[i];
  free(buf);
  return s;
}

static double from_block(double *x) {
  int cap = 2, len = 0;
  double *buf = (double *)malloc(cap * sizeof(double));
  for (int r = 0; r < 3; ++r)
    for (int i = 0; i < N; ++i) {
      if (len == cap) {
        cap *= 2;
        buf = (double *)realloc(buf, cap * sizeof(double));
      }
      buf[len++] = sin(x[i]) * (r + 1) + 0.5 * x[(i + 1) % N];
    }
  double s = 0;
  for (int i = 0; i < len; ++i)
    s += buf[i] * buf[i];
  free(buf);
  return s;
}

// Elements mixing a double and an int: the copy's layout is not known from
// the function's accesses (two types), and realloc's copy moves its shadow
// bytes whole.
typedef struct {
  double w;
  int k;
} Item;
static double mixed(double *x) {
  Item *items = NULL;
  int cap = 0;
  for (int i = 0; i < N; ++i) {
    if (i == cap) {
      cap = cap ? 2 * cap : 1;
      items = (Item *)realloc(items, cap * sizeof(Item));
    }
    items[i].w = x[i] * x[i];
    items[i].k = i + 1;
  }
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += items[i].w * items[i].k;
  free(items);
  return s;
}

int main(void) {
  double x[N] = {0.1, -0.2, 0.3, 0.45, -0.5}, dx[N] = {0};
  __enzyme_autodiff((void *)from_null, enzyme_dup, x, dx);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 2 * sin(x[i]) * cos(x[i]) * (i + 1) * (i + 1), 1e-12);
  for (int i = 0; i < N; ++i)
    dx[i] = 0;
  __enzyme_autodiff((void *)from_block, enzyme_dup, x, dx);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(from_block, x, N, i), 1e-6);
  for (int i = 0; i < N; ++i)
    dx[i] = 0;
  __enzyme_autodiff((void *)mixed, enzyme_dup, x, dx);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], 2 * x[i] * (i + 1), 1e-14);
  return adj_report();
}
