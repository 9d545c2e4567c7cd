// Forward mode through recursion over a binary expression tree whose leaves hold active values.
// RUN: %check-program %s
#include "adjoint_test.h"

typedef struct Node {
  int op; /* 0 leaf, 1 add, 2 mul, 3 sin of left */
  double value;
  struct Node *left, *right;
} Node;

static double eval(const Node *n) {
  switch (n->op) {
  case 0:
    return n->value;
  case 1:
    return eval(n->left) + eval(n->right);
  case 2:
    return eval(n->left) * eval(n->right);
  default:
    return sin(eval(n->left));
  }
}

int main(void) {
  /* (a * sin(b + a)) + (b * c) */
  Node a = {0, 0.7, 0, 0}, b = {0, -0.4, 0, 0}, c = {0, 1.9, 0, 0};
  Node da = {0, 0, 0, 0}, db = {0, 0, 0, 0}, dc = {0, 0, 0, 0};
  Node s1 = {1, 0, &b, &a}, ds1 = {1, 0, &db, &da};
  Node s2 = {3, 0, &s1, 0}, ds2 = {3, 0, &ds1, 0};
  Node m1 = {2, 0, &a, &s2}, dm1 = {2, 0, &da, &ds2};
  Node m2 = {2, 0, &b, &c}, dm2 = {2, 0, &db, &dc};
  Node root = {1, 0, &m1, &m2}, droot = {1, 0, &dm1, &dm2};
  double *seeds[3] = {&da.value, &db.value, &dc.value};
  for (int k = 0; k < 3; ++k) {
    *seeds[k] = 1.0;
    double d = __enzyme_fwddiff((void *)eval, &root, &droot);
    *seeds[k] = 0.0;
    double A = a.value, B = b.value, C = c.value;
    double exact = k == 0 ? sin(B + A) + A * cos(B + A) : k == 1 ? A * cos(B + A) + C : B;
    EXPECT_NEAR(d, exact, 1e-12);
  }
  return adj_report();
}
