// Forward mode with variable-length arrays (dynamic alloca) holding active intermediates.
// RUN: %check-program %s
#include "adjoint_test.h"

/* discrete cosine-like transform into a VLA, then a nonlinear energy of the coefficients */
static double spectral_energy(const double *x, int n) {
  double c[n];
  for (int k = 0; k < n; ++k) {
    double s = 0.0;
    for (int i = 0; i < n; ++i)
      s += x[i] * cos(3.14159265358979 * k * (i + 0.5) / n);
    c[k] = s;
  }
  double e = 0.0;
  for (int k = 0; k < n; ++k)
    e += log1p(c[k] * c[k]) * (k + 1);
  return e;
}

int main(void) {
  const int sizes[] = {1, 4, 9};
  for (int t = 0; t < 3; ++t) {
    int n = sizes[t];
    double x[9], dx[9];
    for (int i = 0; i < n; ++i) {
      x[i] = sin(1.0 + i) * 0.8;
      dx[i] = cos(0.5 * i);
    }
    double d = __enzyme_fwddiff((void *)spectral_energy, x, dx, n);
    double xp[9], xm[9], h = 1e-6;
    for (int i = 0; i < n; ++i) {
      xp[i] = x[i] + h * dx[i];
      xm[i] = x[i] - h * dx[i];
    }
    EXPECT_NEAR(d, (spectral_energy(xp, n) - spectral_energy(xm, n)) / (2 * h), 1e-6);
  }
  return adj_report();
}
