// (f) Loops whose trip count depends on the data: for each of NP points, Newton's iteration for
// sqrt(x_i^2 + 1), run until it has converged (a different number of steps per point), summed
// with weights. x = the NP points; f = sum_i w_i y_i.
#pragma once
#include <cmath>
#include <vector>
#include "../common.hpp"

namespace newton {
using std::fabs;
constexpr const char* NAME = "newton";
// Sizes (BENCH_SIZE): 0 tiny (n=64), 1 the reference (n=4096), 2 larger (n=20000, about 5x).
#if BENCH_SIZE == 0
constexpr int NP = 64;
#elif BENCH_SIZE == 1
constexpr int NP = 4096;
#else
constexpr int NP = 20000;
#endif
constexpr int NX = NP;

template <class T>
T objective(const T* x) {
  T s = 0.0;
  for (int i = 0; i < NP; ++i) {
    T a = x[i] * x[i] + 1.0, y = a;
    while (fabs(y * y - a) > 1e-12 * a) y = 0.5 * (y + a / y);
    s += y * (1.0 + 0.001 * i);
  }
  return s;
}

struct Data {
  std::vector<double> x0;
  Data() : x0(NX) {
    bench::Rng r(2718);
    for (int i = 0; i < NX; ++i) x0[i] = r.uniform(-3, 3);
  }
};

template <class T>
T eval(const T* x, const Data&) { return objective<T>(x); }

double grad_hand(const double* x, double* g, const Data& d);
}  // namespace newton
