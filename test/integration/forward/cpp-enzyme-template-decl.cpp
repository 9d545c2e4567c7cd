// Forward mode (C++) called through Enzyme's documented C++ declaration idiom: a mangled template entry point.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

/* As in Enzyme's "getting started" C++ examples: the entry point is a function template (C++
 * linkage, so its symbol is mangled, e.g. _Z16__enzyme_fwddiffIdJiddEET_PvDpT0_). */
template <typename return_type, typename... T> return_type __enzyme_fwddiff(void *, T...);

struct Pair {
  double d[2];
};

static double f(double x) { return x * x * std::sin(x); }
static double g(double x, double y) { return std::exp(x * y) + x / y; }

int main() {
  for (double x = -1.0; x <= 1.0; x += 0.25) {
    double d = __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, 1.0);
    EXPECT_NEAR(d, 2 * x * std::sin(x) + x * x * std::cos(x), 1e-12);
    EXPECT_NEAR(d, adj_fd(f, x), 1e-6);
    double y = 1.5 + x;
    Pair p = __enzyme_fwddiff<Pair>((void *)g, enzyme_width, 2, enzyme_dup, x, 1.0, 0.0,
                                    enzyme_dup, y, 0.0, 1.0);
    EXPECT_NEAR(p.d[0], y * std::exp(x * y) + 1 / y, 1e-12);
    EXPECT_NEAR(p.d[1], x * std::exp(x * y) - x / (y * y), 1e-12);
  }
  return adj_report();
}
