// Forward mode (C++) on function templates instantiated for float and double, and a template recursion.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

extern "C" float __enzyme_fwddiff_f(void *, ...);

template <typename T> static T logistic(T x) { return T(1) / (T(1) + std::exp(-x)); }

template <typename T, int N> struct Pow {
  static T eval(T x) { return x * Pow<T, N - 1>::eval(x); }
};
template <typename T> struct Pow<T, 0> {
  static T eval(T) { return T(1); }
};

template <typename T> static T model(T x) { return logistic(x) * Pow<T, 5>::eval(x) + T(0.5) * x; }

int main() {
  for (double x = -2.0; x <= 2.0; x += 0.25) {
    double d = __enzyme_fwddiff((void *)model<double>, x, 1.0);
    double s = 1 / (1 + std::exp(-x));
    double exact = s * (1 - s) * std::pow(x, 5) + s * 5 * std::pow(x, 4) + 0.5;
    EXPECT_NEAR(d, exact, 1e-12);
    EXPECT_NEAR(d, adj_fd(model<double>, x), 1e-6);

    float fx = (float)x;
    float df = __enzyme_fwddiff_f((void *)model<float>, fx, 1.0f);
    double sx = 1 / (1 + std::exp(-(double)fx));
    double fexact = sx * (1 - sx) * std::pow((double)fx, 5) + sx * 5 * std::pow((double)fx, 4) + 0.5;
    EXPECT_NEAR(df, fexact, 1e-5);
  }
  return adj_report();
}
