// Reverse mode of a logistic-regression loss over a const dataset: gradient w.r.t. the weight vector (dup) and the bias (active scalar returned), with an L2 term; matches X^T (sigma(Xw+b) - y) / m + lambda w.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

#define M 40
#define D 6
static double loss(const double *w, double b, const double *X, const double *y, int m, int d,
                   double lambda) {
  double l = 0.0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j)
      z += X[i * d + j] * w[j];
    /* log(1 + e^z) - y z, stable for both signs */
    double sp = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
    l += sp - y[i] * z;
  }
  double r = 0.0;
  for (int j = 0; j < d; ++j)
    r += w[j] * w[j];
  return l / m + 0.5 * lambda * r;
}

static double X[M * D], Y[M], B = 0.2, LAMBDA = 0.05;
static double g(const double *w) { return loss(w, B, X, Y, M, D, LAMBDA); }

int main(void) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < D; ++j)
      X[i * D + j] = sin(0.37 * i * (j + 1) + j);
    Y[i] = (i * 7) % 3 == 0 ? 1.0 : 0.0;
  }
  double w[D] = {0.5, -0.3, 0.8, 0.1, -1.2, 0.4}, dw[D] = {0};
  double db = __enzyme_autodiff((void *)loss, enzyme_dup, w, dw, B, enzyme_const, X, enzyme_const,
                                Y, M, D, enzyme_const, LAMBDA);
  double gw[D] = {0}, gb = 0;
  for (int i = 0; i < M; ++i) {
    double z = B;
    for (int j = 0; j < D; ++j)
      z += X[i * D + j] * w[j];
    double r = 1.0 / (1.0 + exp(-z)) - Y[i];
    gb += r / M;
    for (int j = 0; j < D; ++j)
      gw[j] += X[i * D + j] * r / M;
  }
  EXPECT_NEAR(db, gb, 1e-12);
  for (int j = 0; j < D; ++j) {
    EXPECT_NEAR(dw[j], gw[j] + LAMBDA * w[j], 1e-12);
    EXPECT_NEAR(dw[j], rev_fd_vec(g, w, D, j), 1e-6);
  }
  return adj_report();
}
