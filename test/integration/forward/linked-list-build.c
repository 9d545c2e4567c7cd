// Forward mode where the function itself mallocs a linked list holding active values, walks it and frees it.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

typedef struct Cell {
  double v;
  struct Cell *next;
} Cell;

/* push x*k/(1+k) for k = 0..n-1 at the head, then fold the list from the head */
static double build_and_fold(double x, int n) {
  Cell *head = NULL;
  for (int k = 0; k < n; ++k) {
    Cell *c = (Cell *)malloc(sizeof(Cell));
    c->v = x * k / (1.0 + k) + sin(x * k);
    c->next = head;
    head = c;
  }
  double acc = 1.0;
  while (head) {
    acc = acc * 0.5 + head->v * head->v;
    Cell *next = head->next;
    free(head);
    head = next;
  }
  return acc;
}

static double bf7(double x) { return build_and_fold(x, 7); }

int main(void) {
  for (double x = -1.0; x <= 1.0; x += 0.25) {
    double d = __enzyme_fwddiff((void *)build_and_fold, x, 1.0, 7);
    double acc = 1.0, dacc = 0.0;
    for (int k = 6; k >= 0; --k) {
      double v = x * k / (1.0 + k) + sin(x * k), dv = k / (1.0 + k) + k * cos(x * k);
      dacc = 0.5 * dacc + 2 * v * dv;
      acc = 0.5 * acc + v * v;
    }
    EXPECT_NEAR(d, dacc, 1e-12);
    EXPECT_NEAR(d, adj_fd(bf7, x), 1e-6);
  }
  return adj_report();
}
