// Reverse mode through a linked list built on the heap inside the differentiated function:
// nodes malloc'ed one per input (pushed at the front), a traversal that reads them, then a
// loop that frees them; and the same with calloc'ed nodes appended at the tail. Analytic
// values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include "Inputs/list.h"
#include <stdlib.h>

#define N 6
static double build_front(const double *x, int n) {
  struct node *head = 0;
  for (int i = 0; i < n; ++i) {
    struct node *p = (struct node *)malloc(sizeof *p);
    p->v = x[i] * x[i];
    p->next = head;
    head = p;
  }
  /* head holds x[n-1]^2 first: Horner in the reversed order */
  double s = 0;
  for (struct node *p = head; p; p = p->next)
    s = s * 0.5 + p->v;
  while (head) {
    struct node *nx = head->next;
    free(head);
    head = nx;
  }
  return s;
}
static double build_tail(const double *x, int n) {
  struct node *head = 0, **tail = &head;
  for (int i = 0; i < n; ++i) {
    struct node *p = (struct node *)calloc(1, sizeof *p);
    p->v = sin(x[i]);
    *tail = p;
    tail = &p->next;
  }
  double s = 0, prev = 1;
  for (struct node *p = head; p; p = p->next) {
    s += p->v * prev;
    prev = p->v;
  }
  for (struct node *p = head; p;) {
    struct node *nx = p->next;
    free(p);
    p = nx;
  }
  return s;
}
static double tail_n(double *x) { return build_tail(x, N); }

int main(void) {
  double x[N] = {0.3, -0.6, 0.9, 1.2, -0.4, 0.7}, d1[N] = {0}, d2[N] = {0};
  __enzyme_autodiff((void *)build_front, enzyme_dup, x, d1, enzyme_const, N);
  /* s = sum_i x_i^2 0.5^i (x_0 is visited last, with weight 1) */
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(d1[i], 2 * x[i] * pow(0.5, i), 1e-14);
  __enzyme_autodiff((void *)build_tail, enzyme_dup, x, d2, enzyme_const, N);
  for (int i = 0; i < N; ++i) {
    double prev = i ? sin(x[i - 1]) : 1.0, next = i + 1 < N ? sin(x[i + 1]) : 0.0;
    EXPECT_NEAR(d2[i], cos(x[i]) * (prev + next), 1e-14);
    EXPECT_NEAR(d2[i], rm_fd(tail_n, x, N, i), 1e-6);
  }
  return adj_report();
}
