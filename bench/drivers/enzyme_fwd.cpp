// Full gradient in forward mode through the Enzyme-compatible interface (__enzyme_fwddiff): the
// NX unit directions in batches of W (enzyme_width W, one shadow base pointer whose W lanes are
// NX doubles apart: enzyme_dupv), so ceil(NX / W) calls each carry W tangents through one
// primal sweep. run.sh builds it only where the input is small (NX <= FWD_MAX_NX, 64): its cost
// grows with NX, where reverse mode's does not. Checked against the hand-written gradient and
// timed like every other tool (tool=adjoint_fwd).
#include <algorithm>
#include "../driver.hpp"

#ifndef FWD_WIDTH
#define FWD_WIDTH 8
#endif
constexpr int W = FWD_WIDTH < P::NX ? FWD_WIDTH : P::NX;  // directions per call
constexpr int NCALL = (P::NX + W - 1) / W;

extern int enzyme_dupv, enzyme_const, enzyme_width;
struct Tangents {  // what a width-W request of a scalar function returns: W derivatives
  double d[W];
};
extern "C" Tangents __enzyme_fwddiff_batch(void*, ...);

static double objective(const double* x, const P::Data* d) { return P::eval<double>(x, *d); }

int main() {
  // NCALL * W directions of NX doubles each; direction j is the unit vector e_j (j < NX), the
  // padding directions of the last call are zero.
  static std::vector<double> seeds(size_t(NCALL) * W * P::NX, 0.0);
  for (int j = 0; j < P::NX; ++j) seeds[size_t(j) * P::NX + j] = 1.0;
  P::Data d0;
  const double f0 = objective(d0.x0.data(), &d0);  // the value; the tangent calls return none
  return run_tool("adjoint_fwd", [f0](const double* x, double* g, const P::Data& d) {
    for (int c = 0; c < NCALL; ++c) {
      Tangents t = __enzyme_fwddiff_batch((void*)objective, enzyme_width, W, enzyme_dupv,
                                          (long)(P::NX * sizeof(double)), x,
                                          seeds.data() + size_t(c) * W * P::NX, enzyme_const, &d);
      for (int k = 0; k < W && c * W + k < P::NX; ++k) g[c * W + k] = t.d[k];
    }
    return f0;
  });
}
