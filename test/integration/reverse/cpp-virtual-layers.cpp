// Reverse mode (C++) through a small network of polymorphic layers held as
// std::vector<std::unique_ptr<Layer>>: virtual forward calls on buffers that a range constructor
// fills (a memmove) and that swap between layers, in a loop over the layers; the gradient with
// respect to the input, and with respect to the weights of a duplicated network. Checked
// against central differences.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <memory>
#include <vector>

struct Layer {
  virtual ~Layer() = default;
  virtual void forward(const double *in, double *out) const = 0;
  virtual int nin() const = 0;
  virtual int nout() const = 0;
};
struct Dense : Layer {
  int n, m;
  double w[24], b[6];
  Dense(int n, int m) : n(n), m(m) {
    for (int i = 0; i < n * m; ++i)
      w[i] = 0.1 * std::sin(1.7 * i + n);
    for (int j = 0; j < m; ++j)
      b[j] = 0.05 * j;
  }
  void forward(const double *in, double *out) const override {
    for (int j = 0; j < m; ++j) {
      double s = b[j];
      for (int i = 0; i < n; ++i)
        s += w[j * n + i] * in[i];
      out[j] = s;
    }
  }
  int nin() const override { return n; }
  int nout() const override { return m; }
};
struct Tanh : Layer {
  int n;
  explicit Tanh(int n) : n(n) {}
  void forward(const double *in, double *out) const override {
    for (int i = 0; i < n; ++i)
      out[i] = std::tanh(in[i]);
  }
  int nin() const override { return n; }
  int nout() const override { return n; }
};
struct Net {
  std::vector<std::unique_ptr<Layer>> layers;
};

__attribute__((noinline)) static double loss(const Net &net, const double *x, const double *y) {
  std::vector<double> a(x, x + net.layers[0]->nin()), b;
  for (const auto &L : net.layers) {
    b.assign(L->nout(), 0.0);
    L->forward(a.data(), b.data());
    a.swap(b);
  }
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i)
    s += (a[i] - y[i]) * (a[i] - y[i]);
  return s;
}

/* One dense layer's weights as the input: the network is rebuilt around them. */
__attribute__((noinline)) static double lossOfLayer(const Dense &first, const double *x,
                                                    const double *y) {
  Tanh t(6);
  Dense last(6, 2);
  const Layer *chain[3] = {&first, &t, &last};
  double a[6], b[6];
  for (int i = 0; i < 4; ++i)
    a[i] = x[i];
  for (const Layer *L : chain) {
    L->forward(a, b);
    for (int i = 0; i < L->nout(); ++i)
      a[i] = b[i];
  }
  return (a[0] - y[0]) * (a[0] - y[0]) + (a[1] - y[1]) * (a[1] - y[1]);
}

static Net make() {
  Net net;
  net.layers.emplace_back(new Dense(4, 6));
  net.layers.emplace_back(new Tanh(6));
  net.layers.emplace_back(new Dense(6, 2));
  return net;
}

int main() {
  Net net = make();
  double x[4] = {0.5, -1.0, 0.25, 2.0}, y[2] = {0.3, -0.2}, dx[4] = {0, 0, 0, 0};
  __enzyme_autodiff((void *)loss, enzyme_const, &net, x, dx, enzyme_const, y);
  for (int i = 0; i < 4; ++i) {
    double h = 1e-6, xp[4], xm[4];
    for (int k = 0; k < 4; ++k)
      xp[k] = xm[k] = x[k];
    xp[i] += h;
    xm[i] -= h;
    EXPECT_NEAR(dx[i], (loss(net, xp, y) - loss(net, xm, y)) / (2 * h), 1e-7);
  }

  Dense first(4, 6), dfirst(4, 6);
  for (double &v : dfirst.w)
    v = 0;
  for (double &v : dfirst.b)
    v = 0;
  __enzyme_autodiff((void *)lossOfLayer, &first, &dfirst, enzyme_const, x, enzyme_const, y);
  for (int k : {0, 5, 11, 23}) {
    double h = 1e-6, keep = first.w[k];
    first.w[k] = keep + h;
    double up = lossOfLayer(first, x, y);
    first.w[k] = keep - h;
    double down = lossOfLayer(first, x, y);
    first.w[k] = keep;
    EXPECT_NEAR(dfirst.w[k], (up - down) / (2 * h), 1e-7);
  }
  return adj_report();
}
