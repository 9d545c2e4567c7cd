// Reverse mode through structs mixing int and double fields: an int count used as a loop
// bound, an int kind used in a switch, a long tag and a float field between the doubles, in
// one struct and in an array of them. The shadow structs are zeroed; only their floating
// fields receive gradients (the float field too), the integer fields stay 0.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  int n;
  double w;
  int kind;
  double v[4];
  long tag;
  float f;
} Rec;

static double eval(const Rec *r) {
  double s = 0;
  for (int i = 0; i < r->n; ++i)
    s += r->v[i] * r->v[i];
  switch (r->kind) {
  case 0:
    s *= r->w;
    break;
  case 1:
    s = s + r->w * r->w;
    break;
  default:
    s = exp(r->w) * s;
  }
  return s + (double)r->f * r->w + (double)(r->tag % 3);
}
static double sum_recs(const Rec *r, int m) {
  double s = 0;
  for (int j = 0; j < m; ++j)
    s += eval(&r[j]) * (j + 1);
  return s;
}

int main(void) {
  Rec rs[3];
  for (int j = 0; j < 3; ++j) {
    rs[j].n = 2 + j % 3;
    rs[j].w = 0.5 + 0.25 * j;
    rs[j].kind = j;
    for (int i = 0; i < 4; ++i)
      rs[j].v[i] = 0.1 * (i + 1) - 0.2 * j;
    rs[j].tag = 7 + j;
    rs[j].f = 0.5f * (float)(j + 1);
  }
  Rec dr[3];
  memset(dr, 0, sizeof dr);
  __enzyme_autodiff((void *)sum_recs, enzyme_dup, rs, dr, enzyme_const, 3);
  for (int j = 0; j < 3; ++j) {
    const Rec *r = &rs[j];
    double s = 0;
    for (int i = 0; i < r->n; ++i)
      s += r->v[i] * r->v[i];
    double ds_factor, dw; /* d eval / d s, d eval / d w */
    if (j == 0) {
      ds_factor = r->w;
      dw = s;
    } else if (j == 1) {
      ds_factor = 1;
      dw = 2 * r->w;
    } else {
      ds_factor = exp(r->w);
      dw = exp(r->w) * s;
    }
    dw += (double)r->f;
    for (int i = 0; i < 4; ++i)
      EXPECT_NEAR(dr[j].v[i], i < r->n ? (j + 1) * ds_factor * 2 * r->v[i] : 0.0, 1e-14);
    EXPECT_NEAR(dr[j].w, (j + 1) * dw, 1e-14);
    EXPECT_NEAR((double)dr[j].f, (j + 1) * r->w, 1e-6);
    EXPECT_NEAR((double)dr[j].n, 0.0, 0.0);
    EXPECT_NEAR((double)dr[j].kind, 0.0, 0.0);
    EXPECT_NEAR((double)dr[j].tag, 0.0, 0.0);
  }

  /* finite differences on one record's w */
  double h = 1e-6;
  Rec a = rs[2], b = rs[2], d1;
  memset(&d1, 0, sizeof d1);
  a.w += h;
  b.w -= h;
  __enzyme_autodiff((void *)eval, enzyme_dup, &rs[2], &d1);
  EXPECT_NEAR(d1.w, (eval(&a) - eval(&b)) / (2 * h), 1e-6);
  return adj_report();
}
