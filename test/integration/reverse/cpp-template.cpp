// Reverse mode (C++) of function templates instantiated for double and float, a class template functor, and a templated reduction over a std::array-like struct.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

struct D2 {
  double dx, dy;
};
extern "C" D2 __enzyme_autodiff2(void *, ...);
extern "C" float __enzyme_autodiff_f(void *, ...);

template <typename T> static T poly(T x, T y) {
  return x * x * y + T(3) * std::sin(x) - y / (T(1) + x * x);
}

template <typename T, int N> static T series(T x) {
  T s = T(0), term = T(1);
  for (int k = 1; k <= N; ++k) {
    term = term * x / T(k);
    s += term;
  }
  return s; // exp(x) - 1 truncated
}

template <typename T> struct Scaled {
  T a;
  T operator()(T x) const { return a * std::exp(-x * x) + std::log(T(2) + x); }
};
static double use_functor(double x, double a) {
  Scaled<double> f{a};
  return f(x) * f(0.5 * x);
}

static double g2(const double *v) { return poly<double>(v[0], v[1]); }
static double gs(double x) { return series<double, 12>(x); }
static double gu(const double *v) { return use_functor(v[0], v[1]); }

int main() {
  for (double x = -1.0; x <= 1.5; x += 0.5) {
    double y = 0.7 - x;
    D2 d = __enzyme_autodiff2((void *)poly<double>, x, y);
    double q = 1 + x * x;
    EXPECT_NEAR(d.dx, 2 * x * y + 3 * std::cos(x) + 2 * x * y / (q * q), 1e-12);
    EXPECT_NEAR(d.dy, x * x - 1 / q, 1e-12);
    double v[2] = {x, y};
    EXPECT_NEAR(d.dx, rev_fd_vec(g2, v, 2, 0), 1e-6);
    EXPECT_NEAR(d.dy, rev_fd_vec(g2, v, 2, 1), 1e-6);

    float df = __enzyme_autodiff_f((void *)poly<float>, (float)x, enzyme_const, (float)y);
    EXPECT_NEAR(df, d.dx, 1e-5);

    double ds = __enzyme_autodiff((void *)series<double, 12>, x);
    double want = 0, term = 1; /* derivative of sum_{k=1..12} x^k/k! = sum_{k=0..11} x^k/k! */
    for (int k = 0; k <= 11; ++k) {
      want += term;
      term = term * x / (k + 1);
    }
    EXPECT_NEAR(ds, want, 1e-12);
    EXPECT_NEAR(ds, adj_fd(gs, x), 1e-6);

    D2 u = __enzyme_autodiff2((void *)use_functor, x, 1.3);
    double w[2] = {x, 1.3};
    EXPECT_NEAR(u.dx, rev_fd_vec(gu, w, 2, 0), 1e-6);
    EXPECT_NEAR(u.dy, rev_fd_vec(gu, w, 2, 1), 1e-6);
  }
  return adj_report();
}
