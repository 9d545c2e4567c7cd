// Reverse mode through constant global lookup tables: a static const table of doubles
// (polynomial coefficients, one row picked by an int argument) and a static const table of
// structs {int kind; double scale, shift;} whose int field selects the operation applied to
// each input, with a row pointer into the struct table passed to a noinline helper. The
// tables are never written and get no adjoint. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 6
static const double Poly[3][4] = {{1.0, -0.5, 0.25, 0.125}, {0.0, 2.0, 0.0, -1.0}, {0.5, 0.5, 0.5, 0.5}};
typedef struct {
  int kind;
  double scale, shift;
} Op;
static const Op Ops[N] = {{0, 1.5, 0.25}, {1, 0.5, -1.0}, {2, 2.0, 0.0},
                          {1, -1.0, 0.5}, {0, 0.75, -0.5}, {2, 0.25, 1.0}};

static double poly_row(const double *x, int n, int row) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    const double *c = Poly[row];
    s += ((c[3] * x[i] + c[2]) * x[i] + c[1]) * x[i] + c[0];
  }
  return s;
}
__attribute__((noinline)) static double apply(const Op *op, double v) {
  switch (op->kind) {
  case 0:
    return op->scale * v * v + op->shift;
  case 1:
    return sin(op->scale * v) + op->shift;
  default:
    return exp(op->scale * v) * op->shift + v;
  }
}
static double ops(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += apply(&Ops[i], x[i]) * apply(&Ops[(i + 1) % N], x[(i + 1) % N]);
  return s;
}
static double dapply(const Op *op, double v) {
  switch (op->kind) {
  case 0:
    return 2 * op->scale * v;
  case 1:
    return op->scale * cos(op->scale * v);
  default:
    return op->scale * exp(op->scale * v) * op->shift + 1;
  }
}

int main(void) {
  double x[N] = {0.3, -0.9, 0.6, 1.2, -0.4, 0.8};
  for (int row = 0; row < 3; ++row) {
    double d[N] = {0};
    __enzyme_autodiff((void *)poly_row, x, d, enzyme_const, N, enzyme_const, row);
    const double *c = Poly[row];
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(d[i], (3 * c[3] * x[i] + 2 * c[2]) * x[i] + c[1], 1e-14);
  }

  double d[N] = {0};
  __enzyme_autodiff((void *)ops, x, d);
  for (int i = 0; i < N; ++i) {
    int p = (i + N - 1) % N, q = (i + 1) % N;
    double want = dapply(&Ops[i], x[i]) *
                  (apply(&Ops[q], x[q]) + apply(&Ops[p], x[p]));
    EXPECT_NEAR(d[i], want, 1e-13);
    EXPECT_NEAR(d[i], rev_fd_vec(ops, x, N, i), 1e-6);
  }
  return adj_report();
}
