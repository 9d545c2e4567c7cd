// Hand-written adjoint of the 2-D reaction-diffusion time stepping (problems/stencil2d.hpp). The
// forward sweep stores every time level (padded, NT+1 grids); the reverse sweep is the transposed
// stencil -- the same symmetric 5-point stencil on the adjoint, whose zero halo plays the boundary.
#include "../problems/stencil2d.hpp"

namespace stencil2d {
double grad_hand(const double* x, double* g, const Data& d) {
  constexpr size_t S = size_t(NP) * NP;
  // halo cells are zeroed by the first resize and never written
  static thread_local std::vector<double> U, A, Ap;
  U.resize((NT + 1) * S);
  A.resize(S);
  Ap.resize(S);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) U[(i + 1) * NP + j + 1] = x[i * N + j];
  for (int t = 0; t < NT; ++t) {
    const double* a = U.data() + t * S;
    double* b = U.data() + (t + 1) * S;
    for (int i = 1; i <= N; ++i)
      for (int j = 1; j <= N; ++j) {
        const int k = i * NP + j;
        b[k] = a[k] + R * (a[k - NP] + a[k + NP] + a[k - 1] + a[k + 1] - 4.0 * a[k]) +
               DT * a[k] * (1.0 - a[k] * a[k]);
      }
  }
  const double* uf = U.data() + NT * S;
  double f = 0.0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      const int k = (i + 1) * NP + j + 1;
      const double u = uf[k], w = d.w[i * N + j];
      f += w * u * u;
      A[k] = 2.0 * w * u;
    }
  // adjoint of one step: a_k = b_k (1 - 4R + DT (1 - 3 u_k^2)) + R (sum of the neighbours' b)
  const double c0 = 1.0 - 4.0 * R + DT;
  for (int t = NT - 1; t >= 0; --t) {
    const double* a = U.data() + t * S;
    const double* ab = A.data();
    double* ap = Ap.data();
    for (int i = 1; i <= N; ++i)
      for (int j = 1; j <= N; ++j) {
        const int k = i * NP + j;
        ap[k] = ab[k] * (c0 - 3.0 * DT * a[k] * a[k]) +
                R * (ab[k - NP] + ab[k + NP] + ab[k - 1] + ab[k + 1]);
      }
    A.swap(Ap);
  }
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) g[i * N + j] = A[(i + 1) * NP + j + 1];
  return f;
}
}  // namespace stencil2d
