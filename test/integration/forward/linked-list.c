// Forward mode walking a linked list whose nodes hold active values (shadow list mirrors links).
// RUN: %check-program %s
#include "adjoint_test.h"
#include <stdlib.h>

typedef struct Node {
  double value;
  struct Node *next;
} Node;

/* sum of value_i * value_{i+1} along the list, plus exp of the last value */
static double walk(const Node *n) {
  double s = 0.0;
  while (n->next) {
    s += n->value * n->next->value;
    n = n->next;
  }
  return s + exp(n->value);
}

#define N 6

int main(void) {
  double vals[N] = {0.5, -0.25, 1.0, 0.75, -0.5, 0.3};
  Node nodes[N], shadows[N];
  for (int i = 0; i < N; ++i) {
    nodes[i].value = vals[i];
    nodes[i].next = i + 1 < N ? &nodes[i + 1] : NULL;
    shadows[i].value = 0.0;
    shadows[i].next = i + 1 < N ? &shadows[i + 1] : NULL; /* shadow pointers mirror the primal */
  }
  for (int j = 0; j < N; ++j) {
    shadows[j].value = 1.0;
    double d = __enzyme_fwddiff((void *)walk, nodes, shadows);
    shadows[j].value = 0.0;
    double exact = (j > 0 ? vals[j - 1] : 0.0) + (j + 1 < N ? vals[j + 1] : 0.0) +
                   (j == N - 1 ? exp(vals[j]) : 0.0);
    EXPECT_NEAR(d, exact, 1e-12);
    double h = 1e-6;
    nodes[j].value = vals[j] + h;
    double fp = walk(nodes);
    nodes[j].value = vals[j] - h;
    double fm = walk(nodes);
    nodes[j].value = vals[j];
    EXPECT_NEAR(d, (fp - fm) / (2 * h), 1e-6);
  }
  return adj_report();
}
