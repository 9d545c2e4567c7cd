// (g) ADBench's LSTM sequence loss: L stacked "diagonal" LSTM layers (every gate is an
// elementwise product with a weight vector, not a matrix) of hidden size B run over a one-hot
// character sequence of length C; after each step the output layer predicts the next character
// and the loss is the mean log-softmax cross-entropy (with ADBench's log(sum exp + 2)).
// x = [per layer: gate weights (4B: forget, input, output, change) | gate biases (4B)]
//     + [input weights (B) | output weights (B) | output biases (B)]; data = sequence and the
// initial hidden and cell states.
#pragma once
#include <cmath>
#include <vector>
#include "../common.hpp"

namespace lstm {
// Math functions: namespace-scope using-declarations so that double resolves to std:: and
// AD types are found by argument-dependent lookup (block-scope ones confuse Clad).
using std::exp;
using std::log;
using std::tanh;
constexpr const char* NAME = "lstm";
// Sizes (BENCH_SIZE): 0 tiny (n=76), 1 ADBench's l=2, c=1024, b=14 (n=266), 2 a sequence 8x
// longer (the work grows as C L B).
constexpr int L = 2;
constexpr int B = BENCH_SIZE == 0 ? 4 : 14;
constexpr int C = BENCH_SIZE == 0 ? 4 : BENCH_SIZE == 1 ? 1024 : 8192;
constexpr int LAYER = 8 * B;  // parameters per layer
constexpr int OEXT = L * LAYER;
constexpr int NX = OEXT + 3 * B;

// Called as sigmoid<T>(...): AD types' expressions have their own types (ADOL-C's adub).
template <class T>
T sigmoid(const T& z) { return 1.0 / (1.0 + exp(-z)); }

template <class T>
T objective(const T* x, const double* seq, const double* state0) {
  const T* ext = x + OEXT;
  T hid[L][B], cel[L][B], inp[B], yp[B];
  for (int l = 0; l < L; ++l)
    for (int i = 0; i < B; ++i) {
      hid[l][i] = state0[(2 * l) * B + i];
      cel[l][i] = state0[(2 * l + 1) * B + i];
    }
  T total = 0.0;
  for (int t = 0; t < C - 1; ++t) {
    const double* xin = seq + t * B;
    const double* ygold = seq + (t + 1) * B;
    for (int i = 0; i < B; ++i) inp[i] = xin[i] * ext[i];
    for (int l = 0; l < L; ++l) {
      const T* w = x + l * LAYER;
      const T* bias = w + 4 * B;
      for (int i = 0; i < B; ++i) {
        T forget = sigmoid<T>(inp[i] * w[i] + bias[i]);
        T ingate = sigmoid<T>(hid[l][i] * w[B + i] + bias[B + i]);
        T outgate = sigmoid<T>(inp[i] * w[2 * B + i] + bias[2 * B + i]);
        T change = tanh(hid[l][i] * w[3 * B + i] + bias[3 * B + i]);
        cel[l][i] = cel[l][i] * forget + ingate * change;
        hid[l][i] = outgate * tanh(cel[l][i]);
      }
      for (int i = 0; i < B; ++i) inp[i] = hid[l][i];  // the next layer's input
    }
    T se = 0.0;
    for (int i = 0; i < B; ++i) {
      yp[i] = inp[i] * ext[B + i] + ext[2 * B + i];
      se += exp(yp[i]);
    }
    T lse = log(se + 2.0);
    for (int i = 0; i < B; ++i) total += ygold[i] * (yp[i] - lse);
  }
  return -total * (1.0 / ((C - 1) * B));
}

struct Data {
  std::vector<double> seq, state0, x0;
  Data() : seq(size_t(C) * B, 0.0), state0(2 * L * B), x0(NX) {
    bench::Rng r(1337);
    for (int t = 0; t < C; ++t) seq[t * B + r.below(B)] = 1.0;  // one-hot characters
    for (auto& v : state0) v = 0.5 * r.normal();
    for (auto& v : x0) v = r.uniform(-1, 1);
  }
};

template <class T>
T eval(const T* x, const Data& d) { return objective<T>(x, d.seq.data(), d.state0.data()); }

double grad_hand(const double* x, double* g, const Data& d);
}  // namespace lstm
