// Forward mode through the Enzyme-compatible interface (__enzyme_fwddiff): one directional
// derivative (tangent) of the selected problem's objective, checked against the hand-written
// gradient (<grad f, v>) before it is timed against the primal.
#include <algorithm>
#include "../driver.hpp"

extern int enzyme_dup, enzyme_const;
extern "C" double __enzyme_fwddiff(void*, ...);

static double objective(const double* x, const P::Data* d) { return P::eval<double>(x, *d); }

int main() {
  P::Data d;
  std::vector<double> x = d.x0, v(P::NX), g(P::NX, 0.0);
  bench::Rng r(4242);
  for (double& vi : v) vi = r.uniform(-1, 1);
  P::grad_hand(x.data(), g.data(), d);
  double ref = 0;
  for (int i = 0; i < P::NX; ++i) ref += g[i] * v[i];
  double tan = __enzyme_fwddiff((void*)objective, enzyme_dup, x.data(), v.data(), enzyme_const, &d);
  double err = std::fabs(tan - ref) / std::max(std::fabs(ref), 1e-300);
  if (!(err < 1e-8)) {  // a wrong derivative is reported, never timed
    std::printf("RESULT prob=%s tool=adjoint_fwd n=%d status=WRONG err_vs_hand=%.2e\n", P::NAME,
                P::NX, err);
    return 1;
  }
  volatile double sink = 0;
  bench::Timing tp, tt;
  bench::measure_pair(
      [&] {
        bench::escape(x.data());
        sink = sink + primal_call(x.data(), d);
      },
      [&] {
        bench::escape(x.data());
        sink = sink + __enzyme_fwddiff((void*)objective, enzyme_dup, x.data(), v.data(),
                                       enzyme_const, &d);
      },
      tp, tt);
  bench::print_result(P::NAME, "adjoint_fwd", P::NX, tan, tp, tt, err, "hand");
  return 0;
}
