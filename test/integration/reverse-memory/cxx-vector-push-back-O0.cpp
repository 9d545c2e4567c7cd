// A std::vector<double> grown by push_back inside the differentiated function, at -O0 (at -O2
// the relocation copy's type is not visible yet: diagnostics/reverse-vector-growth.cpp). Every
// growth frees the old buffer after the gradient; valgrind checks that each buffer and its
// shadow are freed exactly once. (The trip-count expansion of counted loops once rewired the
// vector's pointer through a new LCSSA phi without a shadow, leaking one shadow buffer.)
// RUN: %adjoint-cxx -O0 %s -o %t -lm
// RUN: valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect %t
#include "adjoint_test.h"
#include <vector>

static double pushes(const double *x) {
  std::vector<double> v;
  for (int i = 0; i < 6; ++i)
    v.push_back(exp(0.5 * x[i]));
  double s = 0;
  int k = 1;
  for (double e : v)
    s += e * (k++);
  return s;
}

int main() {
  double x[6] = {0.3, -0.7, 1.1, 0.45, -1.2, 0.8}, d[6] = {0};
  __enzyme_autodiff((void *)pushes, x, d);
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(d[i], (i + 1) * 0.5 * exp(0.5 * x[i]), 1e-13);
  return adj_report();
}
