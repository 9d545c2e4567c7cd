// Reverse mode (C++) of functions that define and call lambdas (capture-less, capturing active inputs by reference and by value, a lambda applied in a loop, a generic lambda).
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

struct D2 {
  double dx, dy;
};
extern "C" D2 __enzyme_autodiff2(void *, ...);

static double with_lambdas(double x, double y) {
  auto sq = [](double t) { return t * t; };
  auto affine = [&](double t) { return x * t + y; }; // captures the active inputs
  double s = 0.0;
  for (int i = 1; i <= 5; ++i)
    s += sq(affine(0.1 * i)) + std::sin(affine(sq(0.2 * i)));
  return s;
}
static double g(const double *v) { return with_lambdas(v[0], v[1]); }

/* a function that is only a lambda call (a lambda cannot be passed to __enzyme_autodiff
   itself at -O0: the conversion to a function pointer is a call there) */
static double via_lambda(double x, double y) {
  auto f = [](double a, double b) { return std::exp(a * b) + a / (1.0 + b * b); };
  return f(x, y);
}
/* generic lambda with a by-value capture, applied to mixed expressions */
static double generic(double x, double y) {
  double k = 0.5 * y;
  auto h = [k](auto t) { return k * t * t + std::sin(t); };
  return h(x) + h(x * y);
}
static double gg(const double *v) { return generic(v[0], v[1]); }
static double gv(const double *v) { return via_lambda(v[0], v[1]); }

int main() {
  for (double x = -1.0; x <= 1.0; x += 0.5)
    for (double y = -0.5; y <= 1.5; y += 1.0) {
      D2 d = __enzyme_autodiff2((void *)via_lambda, x, y);
      double q = 1 + y * y;
      EXPECT_NEAR(d.dx, y * std::exp(x * y) + 1 / q, 1e-12);
      EXPECT_NEAR(d.dy, x * std::exp(x * y) - x * 2 * y / (q * q), 1e-12);
      double w[2] = {x, y};
      EXPECT_NEAR(d.dx, rev_fd_vec(gv, w, 2, 0), 1e-6);
      EXPECT_NEAR(d.dy, rev_fd_vec(gv, w, 2, 1), 1e-6);

      D2 e = __enzyme_autodiff2((void *)with_lambdas, x, y);
      double wx = 0, wy = 0;
      for (int i = 1; i <= 5; ++i) {
        double t1 = 0.1 * i, a1 = x * t1 + y;
        double t2 = 0.04 * i * i, a2 = x * t2 + y;
        wx += 2 * a1 * t1 + std::cos(a2) * t2;
        wy += 2 * a1 + std::cos(a2);
      }
      EXPECT_NEAR(e.dx, wx, 1e-12);
      EXPECT_NEAR(e.dy, wy, 1e-12);
      double v[2] = {x, y};
      EXPECT_NEAR(e.dx, rev_fd_vec(g, v, 2, 0), 1e-6);
      EXPECT_NEAR(e.dy, rev_fd_vec(g, v, 2, 1), 1e-6);

      D2 h = __enzyme_autodiff2((void *)generic, x, y);
      double k = 0.5 * y, xy = x * y;
      EXPECT_NEAR(h.dx, 2 * k * x + std::cos(x) + (2 * k * xy + std::cos(xy)) * y, 1e-12);
      EXPECT_NEAR(h.dy, 0.5 * x * x + 0.5 * xy * xy + (2 * k * xy + std::cos(xy)) * x, 1e-12);
      EXPECT_NEAR(h.dx, rev_fd_vec(gg, v, 2, 0), 1e-6);
      EXPECT_NEAR(h.dy, rev_fd_vec(gg, v, 2, 1), 1e-6);
    }
  return adj_report();
}
