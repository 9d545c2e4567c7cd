// Reverse mode through pointers into enzyme_const data that the function
// stores into memory with a shadow and loads back (issue 10, bug 4): a local
// std::vector of row pointers into a constant table, and a local array of
// row pointers that mixes rows of a duplicated matrix with rows of a
// constant table. The shadow of a pointer without one is null; loads
// through such a pointer now read no derivative and drop their adjoint
// instead of dereferencing null (it segfaulted at every level). The
// constant table must come back unchanged, and the duplicated matrix's
// gradient must be right: analytic values and central differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <cmath>
#include <vector>

static double weigh(int rows, int cols, const double *w, const double *table) {
  std::vector<const double *> r;
  for (int i = 0; i < rows; ++i)
    r.push_back(table + i * cols);
  double s = 0;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      s += r[i][j] * std::sin(w[j]);
  return s;
}

#define R 4
#define C 3
static double mixed(const double *m, const double *table) {
  const double *rows[R];
  for (int i = 0; i < R; ++i)
    rows[i] = i % 2 ? table + i * C : m + i * C;
  double s = 0;
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j)
      s += rows[i][j] * rows[i][j] * (j + 1);
  return s;
}

static double table[R * C] = {0.5, -1, 2, 3, 0.25, -0.75, 1.5, 2.5, -2, 1, 0.125, 4};
static double mixed_m(double *m) { return mixed(m, table); }

int main() {
  double w[C] = {0.3, 0.7, -1.1}, dw[C] = {0};
  double saved[R * C];
  for (int k = 0; k < R * C; ++k)
    saved[k] = table[k];
  __enzyme_autodiff((void *)weigh, enzyme_const, R, enzyme_const, C, enzyme_dup, w, dw,
                    enzyme_const, table);
  for (int j = 0; j < C; ++j) {
    double col = 0;
    for (int i = 0; i < R; ++i)
      col += table[i * C + j];
    EXPECT_NEAR(dw[j], col * std::cos(w[j]), 1e-13);
  }

  double m[R * C], dm[R * C] = {0};
  for (int k = 0; k < R * C; ++k)
    m[k] = 0.1 * k - 0.4;
  __enzyme_autodiff((void *)mixed, enzyme_dup, m, dm, enzyme_const, table);
  for (int k = 0; k < R * C; ++k) {
    int i = k / C, j = k % C;
    EXPECT_NEAR(dm[k], i % 2 ? 0.0 : 2 * m[k] * (j + 1), 1e-13);
    EXPECT_NEAR(dm[k], rm_fd(mixed_m, m, R * C, k), 1e-6);
    EXPECT_NEAR(table[k], saved[k], 0.0);
  }
  return adj_report();
}
