// Forward mode reading a constant global coefficient table (inactive global memory).
// RUN: %check-program %s
#include "adjoint_test.h"

/* Chebyshev coefficients; the table is constant and carries no derivative. */
static const double cheb[7] = {1.266065877752008, 1.130318207984970, 0.271495339534077,
                               0.044336849848664, 0.005474240442094, 0.000542926311914,
                               0.000044977322954};

/* Clenshaw evaluation of sum c_k T_k(x) (c_0 halved) */
static double clenshaw(double x) {
  double b1 = 0.0, b2 = 0.0;
  for (int k = 6; k >= 1; --k) {
    double b0 = 2.0 * x * b1 - b2 + cheb[k];
    b2 = b1;
    b1 = b0;
  }
  return x * b1 - b2 + 0.5 * cheb[0];
}

/* d/dx T_k(x) = k U_{k-1}(x) */
static double exact(double x) {
  double u_prev = 0.0, u = 1.0; /* U_{-1}, U_0 */
  double s = 0.0;
  for (int k = 1; k <= 6; ++k) {
    s += cheb[k] * k * u;
    double un = 2 * x * u - u_prev;
    u_prev = u;
    u = un;
  }
  return s;
}

int main(void) {
  for (double x = -0.95; x <= 0.95; x += 0.1) {
    double d = __enzyme_fwddiff((void *)clenshaw, x, 1.0);
    EXPECT_NEAR(d, exact(x), 1e-12);
    EXPECT_NEAR(d, adj_fd(clenshaw, x), 1e-6);
  }
  /* the table approximates exp(x): derivative close to exp(x) */
  double d = __enzyme_fwddiff((void *)clenshaw, 0.4, 1.0);
  EXPECT_NEAR(d, exp(0.4), 1e-4);
  return adj_report();
}
