// Forward and reverse mode over a reverse-mode gradient (a second derivative)
// whose function is also called directly (issue 10). The gradient's tape reuses
// storage through a thread-local spare; a direct call left the spare full
// while its shadow stayed empty, and the forward derivative of the next
// gradient took the spare's storage with a null shadow (a segfault). The
// derivative of a gradient now sees its tape as plain heap memory. Reverse
// over reverse was refused: the tape grows by realloc, whose copy mixes
// records of every type; realloc's copy now moves shadow bytes whole.
// Covered: a gradient over a std::vector of structs mixing a double and an
// int passed enzyme_const, its direct calls before and after the
// second-derivative calls, at several points; against the analytic second
// derivative and central differences of the gradient.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <vector>

struct Term {
  double w;
  int k;
};

static double f(double x, const std::vector<Term> &ts) {
  double s = 0;
  for (const Term &t : ts)
    s += t.w * std::sin(t.k * x);
  return s;
}
static double df(double x, const std::vector<Term> &ts) {
  return __enzyme_autodiff((void *)f, x, enzyme_const, &ts);
}
static double ddf(double x, const std::vector<Term> &ts) {
  return __enzyme_fwddiff((void *)df, x, 1.0, enzyme_const, &ts);
}
static double ddf_reverse(double x, const std::vector<Term> &ts) {
  return __enzyme_autodiff((void *)df, x, enzyme_const, &ts);
}

static std::vector<Term> terms;
static double df_at(double x) { return df(x, terms); }

int main() {
  for (int k = 1; k <= 40; ++k)
    terms.push_back({1.0 / k, k % 7 + 1});
  for (double x = -1.0; x <= 1.0; x += 0.4) {
    double d1 = 0, d2 = 0;
    for (const Term &t : terms) {
      d1 += t.w * t.k * std::cos(t.k * x);
      d2 -= t.w * t.k * t.k * std::sin(t.k * x);
    }
    EXPECT_NEAR(df(x, terms), d1, 1e-12);
    EXPECT_NEAR(ddf(x, terms), d2, 1e-11);
    EXPECT_NEAR(ddf(x, terms), adj_fd(df_at, x), 1e-6);
    EXPECT_NEAR(ddf_reverse(x, terms), d2, 1e-11);
    EXPECT_NEAR(df(x, terms), d1, 1e-12);
  }
  return adj_report();
}
