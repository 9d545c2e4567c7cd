// (i) Explicit 2-D reaction-diffusion (Allen-Cahn: diffusion plus u - u^3) on an N x N grid,
// NT time steps of a 5-point stencil with zero (Dirichlet) boundary values: the grid is stored
// with a one-cell zero halo, two time levels ping-pong between two heap buffers.
// x = the initial grid u0 (N*N, row-major); f = sum_ij w_ij u_ij(T)^2 with fixed weights w.
#pragma once
#include <cmath>
#include <vector>
#include "../common.hpp"

namespace stencil2d {
constexpr const char* NAME = "stencil2d";
// Sizes (BENCH_SIZE): N = 8, 128, 256 and NT = 4, 20, 50 (size 2 is 10x the work of size 1).
constexpr int N = BENCH_SIZE == 0 ? 8 : BENCH_SIZE == 1 ? 128 : 256;
constexpr int NT = BENCH_SIZE == 0 ? 4 : BENCH_SIZE == 1 ? 20 : 50;
constexpr int NP = N + 2;  // padded row length
constexpr int NX = N * N;
constexpr double R = 0.2;   // diffusion number dt*nu/h^2 (< 0.25: stable)
constexpr double DT = 0.05;  // time step of the reaction term

template <class T>
T objective(const T* x, const double* w) {
  std::vector<T> buf(2 * NP * NP, T(0.0));  // halo cells stay zero
  T* a = buf.data();
  T* b = a + NP * NP;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) a[(i + 1) * NP + j + 1] = x[i * N + j];
  for (int t = 0; t < NT; ++t) {
    for (int i = 1; i <= N; ++i)
      for (int j = 1; j <= N; ++j) {
        const int k = i * NP + j;
        b[k] = a[k] + R * (a[k - NP] + a[k + NP] + a[k - 1] + a[k + 1] - 4.0 * a[k]) +
               DT * a[k] * (1.0 - a[k] * a[k]);
      }
    T* tmp = a;
    a = b;
    b = tmp;
  }
  T f = 0.0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      const T& u = a[(i + 1) * NP + j + 1];
      f += w[i * N + j] * u * u;
    }
  return f;
}

struct Data {
  std::vector<double> w, x0;
  Data() : w(NX), x0(NX) {
    bench::Rng r(4711);
    for (auto& v : w) v = r.uniform(0.5, 1.5);
    for (int i = 0; i < N; ++i)
      for (int j = 0; j < N; ++j)
        x0[i * N + j] =
            0.6 * std::sin(6.0 * i / N) * std::cos(4.0 * j / N) + 0.2 * r.uniform(-1, 1);
  }
};

template <class T>
T eval(const T* x, const Data& d) { return objective<T>(x, d.w.data()); }

double grad_hand(const double* x, double* g, const Data& d);
}  // namespace stencil2d
