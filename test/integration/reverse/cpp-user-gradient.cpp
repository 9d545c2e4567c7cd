// Reverse-mode rules in C++: a rule for a function taking a
// `const std::vector<double> &` (its shadow is the caller's shadow vector),
// called while a local vector is alive (a call that may throw, an invoke),
// inside a loop, and a rule for a function object's call operator reached
// through a template. The rules scale their adjoints so the checks see that
// they ran.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <vector>

__attribute__((noinline)) double sumsq(const std::vector<double> &v) {
  double s = 0;
  for (double e : v) s += e * e;
  return s;
}
double sumsq_aug(const std::vector<double> &v, const std::vector<double> &dv) { return sumsq(v); }
void sumsq_rev(const std::vector<double> &v, const std::vector<double> &dv, double dy) {
  double *d = const_cast<double *>(dv.data());
  for (size_t i = 0; i < v.size(); ++i) d[i] += 4 * dy * v[i]; // twice the true adjoint
}
__attribute__((used)) void *__enzyme_register_gradient_sumsq[3] = {
    (void *)sumsq, (void *)sumsq_aug, (void *)sumsq_rev};

struct Softplus {
  double k;
  double operator()(double x) const { return std::log1p(std::exp(k * x)) / k; }
};
__attribute__((noinline)) double softplus(double x) { return Softplus{2.0}(x); }
double softplus_aug(double x) { return softplus(x); }
double softplus_rev(double x, double dy) { return -dy / (1 + std::exp(-2 * x)); } // negated
__attribute__((used)) void *__enzyme_register_gradient_softplus[3] = {
    (void *)softplus, (void *)softplus_aug, (void *)softplus_rev};

template <typename F> static double apply_all(F f, const std::vector<double> &v) {
  double s = 0;
  for (double e : v) s += f(e);
  return s;
}

static double model(const std::vector<double> &v) {
  std::vector<double> scaled(v.size());
  for (size_t i = 0; i < v.size(); ++i) scaled[i] = 3 * v[i];
  double s = 0;
  for (int k = 0; k < 2; ++k) s += sumsq(v); // local vector alive: invokes
  return s + apply_all([](double e) { return softplus(e); }, v) + scaled[0];
}

int main() {
  std::vector<double> v{0.5, -1.0, 2.0}, dv(3, 0.0);
  __enzyme_autodiff((void *)model, enzyme_dup, &v, &dv);
  for (size_t i = 0; i < 3; ++i) {
    double want = 2 * 2 * 2 * v[i] - 1 / (1 + std::exp(-2 * v[i])) + (i == 0 ? 3 : 0);
    EXPECT_NEAR(dv[i], want, 1e-12);
  }
  return adj_report();
}
