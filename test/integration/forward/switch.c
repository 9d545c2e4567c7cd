// Forward mode through a switch on an integer mode argument (const) selecting the formula.
// RUN: %check-program %s
#include "adjoint_test.h"

static double activation(double x, int kind) {
  switch (kind) {
  case 0:
    return tanh(x);
  case 1:
    return 1.0 / (1.0 + exp(-x));
  case 2:
    return log1p(exp(x));
  case 3:
    return x * x * x;
  default:
    return x;
  }
}

static int g_kind;
static double act_fixed(double x) { return activation(x, g_kind); }

int main(void) {
  for (int kind = 0; kind < 6; ++kind) {
    g_kind = kind;
    for (double x = -2.0; x <= 2.0; x += 0.5) {
      double d = __enzyme_fwddiff((void *)activation, x, 1.0, kind);
      double s = 1.0 / (1.0 + exp(-x));
      double exact;
      switch (kind) {
      case 0: exact = 1 - tanh(x) * tanh(x); break;
      case 1: exact = s * (1 - s); break;
      case 2: exact = s; break;
      case 3: exact = 3 * x * x; break;
      default: exact = 1.0;
      }
      EXPECT_NEAR(d, exact, 1e-12);
      EXPECT_NEAR(d, adj_fd(act_fixed, x), 1e-6);
    }
  }
  return adj_report();
}
