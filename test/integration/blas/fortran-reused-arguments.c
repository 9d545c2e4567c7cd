// Fortran BLAS arguments are passed by reference, and programs reuse the
// variables: n and alpha below change between the calls. The reverse of the
// first call must use the values it was called with (the library rules keep
// them on the tape), not what the variables hold when the reverse runs.
// link: -lopenblas
// RUN: %check-program %s
#include "adjoint_test.h"

void daxpy_(const int *, const double *, const double *, const int *, double *, const int *);
void dscal_(const int *, const double *, double *, const int *);

static double f(const double *x, double *y) {
  int n = 4, one = 1;
  double alpha = 2.0;
  daxpy_(&n, &alpha, x, &one, y, &one); /* y[0..3] += 2 x[0..3] */
  n = 2;
  alpha = -3.0;
  dscal_(&n, &alpha, y, &one);          /* y[0..1] *= -3 */
  double s = 0;
  for (int i = 0; i < 4; ++i)
    s += (i + 1) * y[i] * y[i];
  return s;
}

int main(void) {
  double x[4] = {0.5, -1.25, 2.0, 0.75}, y0[4] = {1.0, 0.5, -0.25, 3.0};
  double y[4], dx[4] = {0}, dy[4] = {0};
  for (int i = 0; i < 4; ++i)
    y[i] = y0[i];
  __enzyme_autodiff((void *)f, x, dx, y, dy);
  for (int i = 0; i < 4; ++i) {
    /* s = sum (i+1) (c_i (y_i + 2 x_i))^2, c = -3 for i < 2, else 1 */
    double c = i < 2 ? -3.0 : 1.0, v = c * (y0[i] + 2 * x[i]);
    EXPECT_NEAR(dx[i], 2 * (i + 1) * v * c * 2, 1e-12);
    EXPECT_NEAR(dy[i], 2 * (i + 1) * v * c, 1e-12);
  }
  return adj_report();
}
