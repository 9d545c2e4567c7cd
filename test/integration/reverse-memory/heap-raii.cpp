// Reverse mode through a C++ class that owns a heap buffer (new[] in the constructor,
// delete[] in the destructor) used as a temporary inside the differentiated function, one
// object per iteration of a loop, and a temporary object holding a scalar allocated with new.
// Finite differences and analytic values.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

#define N 5
class Buf {
public:
  explicit Buf(int n) : n_(n), p_(new double[n]) {}
  ~Buf() { delete[] p_; }
  Buf(const Buf &) = delete;
  Buf &operator=(const Buf &) = delete;
  double &operator[](int i) { return p_[i]; }
  int size() const { return n_; }

private:
  int n_;
  double *p_;
};
struct Box {
  double *v;
  explicit Box(double x) : v(new double(x)) {}
  ~Box() { delete v; }
};

static double f(const double *x, int n) {
  double s = 0;
  for (int t = 1; t <= 3; ++t) {
    Buf b(n);
    for (int i = 0; i < b.size(); ++i)
      b[i] = x[i] * t + s * 0.1;
    for (int i = 0; i < b.size(); ++i)
      s += b[i] * b[(i + 1) % n] * 0.2;
  }
  return s;
}
static double g(double x) {
  Box a(x * x), b(sin(x));
  return *a.v * *b.v;
}
static double f_n(double *x) { return f(x, N); }

int main() {
  double x[N] = {0.3, -0.2, 0.5, 0.8, -0.6}, dx[N] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(dx[i], rm_fd(f_n, x, N, i), 1e-6);
  for (double v = -1.0; v <= 1.0; v += 0.5)
    EXPECT_NEAR(__enzyme_autodiff((void *)g, v), 2 * v * sin(v) + v * v * cos(v), 1e-14);
  return adj_report();
}
