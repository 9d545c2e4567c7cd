// Reverse (and forward) mode through recursive C++ functions called while a
// local std::vector is alive: the call becomes an invoke (its unwind path
// frees the vector), and reverse mode, which keeps recursive calls as
// calls to split derivatives, once stopped with "it is an invoke ... and it
// cannot be inlined". Covered: a determinant by cofactor expansion (an
// inline function) and a function template that halves its range (on n/2),
// each with a local vector per level; the gradient of the determinant
// against its cofactors and central differences, the template against
// central differences, forward mode against the gradient.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"
#include <cmath>
#include <vector>

inline double det(const double *a, int n) {
  if (n == 1)
    return a[0];
  std::vector<double> minor((n - 1) * (n - 1));
  double s = 0;
  for (int c = 0; c < n; ++c) {
    for (int i = 1; i < n; ++i)
      for (int j = 0, k = 0; j < n; ++j)
        if (j != c)
          minor[(i - 1) * (n - 1) + k++] = a[i * n + j];
    s += (c % 2 ? -1 : 1) * a[c] * det(minor.data(), n - 1);
  }
  return s;
}
static double det4(double *a) { return det(a, 4); }

template <typename T> T halves(const T *x, int n) {
  if (n == 1)
    return std::sin(x[0]);
  std::vector<T> buf(x, x + n);
  for (int i = 0; i < n; ++i)
    buf[i] *= 1 + 0.1 * i;
  return halves(buf.data(), n / 2) * halves(buf.data() + n / 2, n - n / 2) + buf[n - 1];
}
static double halves7(double *x) { return halves(x, 7); }

int main() {
  double a[16] = {2, 1, 0.5, -1, 1, 3, 0.25, 0.5, 0.5, 0.25, 4, 1, -0.5, 0.75, 1, 2.5};
  double da[16] = {0};
  __enzyme_autodiff((void *)det4, enzyme_dup, a, da);
  for (int k = 0; k < 16; ++k)
    EXPECT_NEAR(da[k], rm_fd(det4, a, 16, k), 1e-6);
  // d det / d a_00 is the cofactor of a_00: the determinant of the minor.
  double m00[9] = {a[5], a[6], a[7], a[9], a[10], a[11], a[13], a[14], a[15]};
  EXPECT_NEAR(da[0], det(m00, 3), 1e-12);

  double x[7] = {0.3, -0.7, 1.1, 0.45, -1.2, 0.8, 0.2}, dx[7] = {0}, v[7];
  __enzyme_autodiff((void *)halves7, enzyme_dup, x, dx);
  double dot = 0;
  for (int k = 0; k < 7; ++k) {
    EXPECT_NEAR(dx[k], rm_fd(halves7, x, 7, k), 1e-6);
    v[k] = 0.25 * k - 0.5;
    dot += v[k] * dx[k];
  }
  EXPECT_NEAR(__enzyme_fwddiff((void *)halves7, enzyme_dup, x, v), dot, 1e-12);
  return adj_report();
}
