// Reverse mode through selects (ternaries, fmax/fmin, fabs) inside a loop: ReLU network layer with const weights and a smooth-abs penalty; points away from the kinks.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

#define NI 6
#define NH 5
/* y = sum_j v_j relu(sum_i W_ji x_i + b_j) + 0.1 sum_i |x_i| + leaky terms */
static double net(const double *x, const double *W, const double *b, const double *v) {
  double y = 0.0;
  for (int j = 0; j < NH; ++j) {
    double z = b[j];
    for (int i = 0; i < NI; ++i)
      z += W[j * NI + i] * x[i];
    double h = z > 0.0 ? z : 0.0;
    double leak = fmax(z, 0.05 * z);
    y += v[j] * h + 0.3 * leak;
  }
  for (int i = 0; i < NI; ++i)
    y += 0.1 * fabs(x[i]) + fmin(x[i], 0.2) * 0.5;
  return y;
}

static double W[NH * NI], Bv[NH], V[NH];
static double g(const double *x) { return net(x, W, Bv, V); }

int main(void) {
  for (int j = 0; j < NH; ++j) {
    Bv[j] = 0.1 * j - 0.2;
    V[j] = 1.0 - 0.3 * j;
    for (int i = 0; i < NI; ++i)
      W[j * NI + i] = sin(1.0 + 0.7 * i + 1.9 * j);
  }
  double x[NI] = {0.5, -0.8, 1.2, -0.4, 0.9, 0.05};
  double dx[NI] = {0}, dW[NH * NI] = {0};
  __enzyme_autodiff((void *)net, enzyme_dup, x, dx, enzyme_dup, W, dW, enzyme_const, Bv,
                    enzyme_const, V);
  double want[NI];
  for (int i = 0; i < NI; ++i)
    want[i] = 0.1 * (x[i] > 0 ? 1 : -1) + (x[i] < 0.2 ? 0.5 : 0.0);
  for (int j = 0; j < NH; ++j) {
    double z = Bv[j];
    for (int i = 0; i < NI; ++i)
      z += W[j * NI + i] * x[i];
    EXPECT_NEAR(fabs(z) > 1e-3, 1.0, 0.0); /* away from the kink */
    double dz = (z > 0 ? V[j] : 0.0) + 0.3 * (z > 0 ? 1.0 : 0.05);
    for (int i = 0; i < NI; ++i) {
      want[i] += dz * W[j * NI + i];
      EXPECT_NEAR(dW[j * NI + i], dz * x[i], 1e-12);
    }
  }
  for (int i = 0; i < NI; ++i) {
    EXPECT_NEAR(dx[i], want[i], 1e-12);
    EXPECT_NEAR(dx[i], rev_fd_vec(g, x, NI, i), 1e-6);
  }
  return adj_report();
}
