// Reverse mode through Newton's method for Kepler's equation E - e sin E = M (while loop to a tolerance); gradient w.r.t. M and e by implicit differentiation.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dM, de;
} D2;
D2 __enzyme_autodiff2(void *, ...);

/* returns the true-anomaly-like quantity cos(E) + E */
static double kepler(double M, double e) {
  double E = M + e * sin(M);
  double dE;
  do {
    dE = (E - e * sin(E) - M) / (1.0 - e * cos(E));
    E -= dE;
  } while (fabs(dE) > 1e-12);
  return cos(E) + E;
}
static double solveE(double M, double e) {
  double E = M;
  for (int i = 0; i < 200; ++i)
    E = E - (E - e * sin(E) - M) / (1.0 - e * cos(E));
  return E;
}
static double g(const double *v) { return kepler(v[0], v[1]); }

int main(void) {
  const double Ms[] = {0.3, 1.0, 2.2, 4.0};
  const double es[] = {0.1, 0.45, 0.8};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j) {
      double M = Ms[i], e = es[j];
      D2 d = __enzyme_autodiff2((void *)kepler, M, e);
      double E = solveE(M, e), den = 1.0 - e * cos(E);
      double dout = 1.0 - sin(E);
      EXPECT_NEAR(d.dM, dout / den, 1e-8);
      EXPECT_NEAR(d.de, dout * sin(E) / den, 1e-8);
      double v[2] = {M, e};
      EXPECT_NEAR(d.dM, rev_fd_vec(g, v, 2, 0), 1e-6);
      EXPECT_NEAR(d.de, rev_fd_vec(g, v, 2, 1), 1e-6);
    }
  return adj_report();
}
