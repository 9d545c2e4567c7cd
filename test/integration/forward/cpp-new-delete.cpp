// Forward mode (C++) through operator new[]/delete[] and new/delete of a scalar temporary.
// RUN: %check-program %s
#include "adjoint_test.h"

static double moving_average_energy(const double *x, int n) {
  double *avg = new double[n - 2];
  for (int i = 0; i + 2 < n; ++i)
    avg[i] = (x[i] + x[i + 1] + x[i + 2]) / 3.0;
  double *acc = new double(0.0);
  for (int i = 0; i + 2 < n; ++i)
    *acc += avg[i] * avg[i] * (i + 1);
  double r = *acc;
  delete acc;
  delete[] avg;
  return r;
}

int main() {
  const int n = 8;
  double x[n] = {0.4, -0.1, 0.9, 1.3, -0.7, 0.2, 0.5, -1.0};
  for (int j = 0; j < n; ++j) {
    double dx[n] = {0};
    dx[j] = 1.0;
    double d = __enzyme_fwddiff((void *)moving_average_energy, x, dx, n);
    double exact = 0.0;
    for (int i = 0; i + 2 < n; ++i)
      if (j >= i && j <= i + 2)
        exact += 2.0 * (x[i] + x[i + 1] + x[i + 2]) / 3.0 / 3.0 * (i + 1);
    EXPECT_NEAR(d, exact, 1e-12);
    double xp[n], xm[n], h = 1e-6;
    for (int i = 0; i < n; ++i)
      xp[i] = xm[i] = x[i];
    xp[j] += h;
    xm[j] -= h;
    EXPECT_NEAR(d, (moving_average_energy(xp, n) - moving_average_energy(xm, n)) / (2 * h), 1e-6);
  }
  return adj_report();
}
