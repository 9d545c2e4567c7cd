// Reverse mode (C++) through storage whose declared type does not say it holds doubles:
// std::function's small-object buffer (a union of two integers in the IR) holding a lambda's
// captures, a byte buffer written and read with memcpy, a union, a small "any" that keeps a
// struct in bytes; and std::string's small buffer, a union that holds only characters. The
// optimizer moves those doubles as 64-bit integers and copies; every derivative must still
// reach the captured or copied value. Checked against analytic values and finite differences.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <cstring>
#include <functional>
#include <new>
#include <string>

// -- std::function: the captured double lives in _Any_data ------------------------------
__attribute__((noinline)) static double captured_twice(const double &c, double a) {
  std::function<double(double)> fn = [=](double u) { return std::log(1.0 + c * c) * u; };
  return fn(std::sin(a)) + 0.5 * fn(a);
}

__attribute__((noinline)) static double captured_pair(const double *p, int n) {
  double k = p[0], w = p[1];
  std::function<double(double)> fn = [k, w](double u) { return k * u * u + std::exp(w * u); };
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += fn(0.1 * (i + 1));
  return s;
}

// -- bytes and unions ---------------------------------------------------------------------
__attribute__((noinline)) static double through_bytes(double x, double y) {
  alignas(double) unsigned char buf[16];
  std::memcpy(buf, &x, sizeof x);
  std::memcpy(buf + 8, &y, sizeof y);
  double a, b;
  std::memcpy(&a, buf + 8, sizeof a);
  std::memcpy(&b, buf, sizeof b);
  return a * std::sin(b) + b;
}

union Slot {
  long bits;
  double value;
};

__attribute__((noinline)) static double through_union(const Slot *in, int n) {
  Slot copy[4];
  for (int i = 0; i < n; ++i)
    std::memcpy(&copy[i], &in[i], sizeof(Slot));
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += copy[i].value * copy[i].value * (i + 1);
  return s;
}

// -- a small "any": a struct kept in a byte buffer ----------------------------------------
struct Pair {
  double a, b;
};
struct SmallAny {
  alignas(16) unsigned char storage[32];
  template <class T> void put(const T &v) { new (storage) T(v); }
  template <class T> T get() const {
    T v;
    std::memcpy(&v, storage, sizeof v);
    return v;
  }
};

__attribute__((noinline)) static double through_any(const Pair *p) {
  SmallAny box;
  box.put(*p);
  Pair q = box.get<Pair>();
  return q.a * q.b + std::cos(q.a);
}

// -- a std::string beside the math: its small buffer is a union that holds characters -----
__attribute__((noinline)) static double with_label(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += p[i] * p[i];
  std::string label = "sum" + std::to_string(n);
  return s * (label.size() > 3 ? 1.0 : 2.0);
}

int main() {
  {
    double c = 0.7, dc = 0, a = 0.3;
    double da = __enzyme_autodiff((void *)captured_twice, enzyme_dup, &c, &dc, enzyme_out, a);
    EXPECT_NEAR(dc, 2 * c / (1 + c * c) * (std::sin(a) + 0.5 * a), 1e-12);
    EXPECT_NEAR(da, std::log(1 + c * c) * (std::cos(a) + 0.5), 1e-12);
  }
  {
    double p[2] = {0.8, -0.4}, dp[2] = {0, 0};
    int n = 5;
    __enzyme_autodiff((void *)captured_pair, enzyme_dup, p, dp, enzyme_const, n);
    double wk = 0, ww = 0;
    for (int i = 0; i < n; ++i) {
      double u = 0.1 * (i + 1);
      wk += u * u;
      ww += u * std::exp(p[1] * u);
    }
    EXPECT_NEAR(dp[0], wk, 1e-12);
    EXPECT_NEAR(dp[1], ww, 1e-12);
  }
  {
    double x = 0.9, y = 1.7;
    double dx = __enzyme_autodiff((void *)through_bytes, enzyme_out, x, enzyme_const, y);
    EXPECT_NEAR(dx, y * std::cos(x) + 1, 1e-12);
    double dy = __enzyme_autodiff((void *)through_bytes, enzyme_const, x, enzyme_out, y);
    EXPECT_NEAR(dy, std::sin(x), 1e-12);
  }
  {
    Slot in[3], din[3];
    for (int i = 0; i < 3; ++i) {
      in[i].value = 0.5 + i;
      din[i].value = 0;
    }
    __enzyme_autodiff((void *)through_union, enzyme_dup, in, din, enzyme_const, 3);
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(din[i].value, 2 * in[i].value * (i + 1), 1e-12);
  }
  {
    Pair p{0.6, 2.5}, dp{0, 0};
    __enzyme_autodiff((void *)through_any, enzyme_dup, &p, &dp);
    EXPECT_NEAR(dp.a, p.b - std::sin(p.a), 1e-12);
    EXPECT_NEAR(dp.b, p.a, 1e-12);
  }
  {
    double p[3] = {1.0, -2.0, 0.5}, dp[3] = {0, 0, 0};
    __enzyme_autodiff((void *)with_label, enzyme_dup, p, dp, enzyme_const, 3);
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(dp[i], 2 * p[i], 1e-15);
  }
  return adj_report();
}
