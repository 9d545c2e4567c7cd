// Reverse mode (C++) through virtual calls: parameters held in polymorphic objects, a tree of
// nodes evaluated by virtual calls into each other (recursion through the vtable), in-place
// updates through a virtual method in a loop, a shadow object whose vtable pointer is zero,
// virtual getters returning references into the object, calls that may throw, and
// std::function. Checked against finite differences and analytic values.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

// -- models with parameters inside the objects ------------------------------------------
struct Model {
  virtual ~Model() {}
  virtual double eval(const double *x) const = 0;
};
struct Quadratic : Model {
  double a, b;
  Quadratic(double a, double b) : a(a), b(b) {}
  double eval(const double *x) const override { return a * x[0] * x[0] + b * x[1]; }
};
struct Exponential : Model {
  double k;
  explicit Exponential(double k) : k(k) {}
  double eval(const double *x) const override { return std::exp(k * x[0]) * x[1]; }
};

__attribute__((noinline)) static double loss(const Model *m, const double *x) {
  double y = m->eval(x);
  return y * y;
}

// -- a tree of nodes: eval calls the children's eval through the vtable ------------------
struct Node {
  virtual ~Node() {}
  virtual double eval(const double *x) const = 0;
};
struct Var : Node {
  int i;
  explicit Var(int i) : i(i) {}
  double eval(const double *x) const override { return x[i]; }
};
struct Add : Node {
  const Node *l, *r;
  Add(const Node *l, const Node *r) : l(l), r(r) {}
  double eval(const double *x) const override { return l->eval(x) + r->eval(x); }
};
struct Mul : Node {
  const Node *l, *r;
  Mul(const Node *l, const Node *r) : l(l), r(r) {}
  double eval(const double *x) const override { return l->eval(x) * r->eval(x); }
};
struct Sin : Node {
  const Node *a;
  explicit Sin(const Node *a) : a(a) {}
  double eval(const double *x) const override { return std::sin(a->eval(x)); }
};

__attribute__((noinline)) static double evalTree(const Node *root, const double *x) {
  return root->eval(x);
}

// -- in-place steps through a virtual method, in a loop ---------------------------------
struct Step {
  virtual ~Step() {}
  virtual void apply(double *s, int n) const = 0;
};
struct Scale : Step {
  double c;
  explicit Scale(double c) : c(c) {}
  void apply(double *s, int n) const override {
    for (int i = 0; i < n; ++i)
      s[i] *= c;
  }
};
struct Couple : Step {
  void apply(double *s, int n) const override {
    for (int i = n - 1; i > 0; --i)
      s[i] = s[i] * s[i - 1] + std::sin(s[i]);
  }
};

__attribute__((noinline)) static double run(const Step *const *steps, int k, double *s, int n) {
  for (int j = 0; j < k; ++j)
    steps[j]->apply(s, n);
  double t = 0;
  for (int i = 0; i < n; ++i)
    t += s[i];
  return t;
}

// -- virtual getters that return references into the object's data ----------------------
struct Store {
  virtual ~Store() {}
  virtual const double &at(int i) const = 0;
};
struct Forwards : Store {
  double v[3];
  const double &at(int i) const override { return v[i]; }
};
struct Backwards : Store {
  double v[3];
  const double &at(int i) const override { return v[2 - i]; }
};

__attribute__((noinline)) static double combine(const Store *s) {
  return s->at(0) * s->at(1) + std::sin(s->at(2));
}

// -- a call that may throw (an invoke: a local with a destructor is alive across it) -----
static int released = 0;
struct Guard {
  ~Guard() { ++released; }
};
typedef double (*unary_t)(double);
static double square(double x) { return x * x; }
static double cube(double x) { return x * x * x; }
static unary_t unaries[2] = {square, cube};

__attribute__((noinline)) static double guarded(unary_t p, double x) {
  Guard g;
  return p(3.0 * x);
}

// -- std::function ----------------------------------------------------------------------
__attribute__((noinline)) static double integrate(const std::function<double(double)> &f,
                                                  double a, double b) {
  const int n = 16;
  double h = (b - a) / n, t = 0.5 * (f(a) + f(b));
  for (int i = 1; i < n; ++i)
    t += f(a + i * h);
  return t * h;
}
static double gaussIntegral(double w, double b) {
  return integrate([w](double t) { return std::exp(-w * t * t); }, 0.0, b);
}

int main(int argc, char **) {
  // Model parameters: the shadow object is a copy with its parameters zeroed.
  {
    const double x[2] = {0.7, -1.3};
    Quadratic q(1.5, 0.25), dq(0.0, 0.0);
    Exponential e(0.4), de(0.0);
    double dx[2] = {0, 0};
    __enzyme_autodiff((void *)loss, (const Model *)&q, (Model *)&dq, enzyme_const, x);
    double yq = q.eval(x);
    EXPECT_NEAR(dq.a, 2 * yq * x[0] * x[0], 1e-12);
    EXPECT_NEAR(dq.b, 2 * yq * x[1], 1e-12);
    __enzyme_autodiff((void *)loss, (const Model *)&e, (Model *)&de, x, dx);
    double ye = e.eval(x);
    EXPECT_NEAR(de.k, 2 * ye * std::exp(e.k * x[0]) * x[0] * x[1], 1e-12);
    EXPECT_NEAR(dx[0], 2 * ye * e.k * std::exp(e.k * x[0]) * x[1], 1e-12);
    EXPECT_NEAR(dx[1], 2 * ye * std::exp(e.k * x[0]), 1e-12);
  }
  // A shadow whose bytes are all zero (its vtable pointer too): the call goes by the primal's.
  {
    const double x[2] = {0.3, 2.0};
    Quadratic q(2.0, -1.0);
    alignas(Quadratic) unsigned char raw[sizeof(Quadratic)];
    std::memset(raw, 0, sizeof raw);
    double dx[2] = {0, 0};
    __enzyme_autodiff((void *)loss, (const Model *)&q, (Model *)raw, x, dx);
    double y = q.eval(x);
    EXPECT_NEAR(dx[0], 2 * y * 2 * q.a * x[0], 1e-12);
    EXPECT_NEAR(dx[1], 2 * y * q.b, 1e-12);
  }
  // sin(x0 * x1) + x2 * (x0 + x1 * x2), as a tree; the shape is chosen at run time.
  {
    Var v0(0), v1(1), v2(2);
    Mul m01(&v0, &v1), m12(&v1, &v2);
    Sin s(&m01);
    Add inner(&v0, &m12);
    Mul outer(&v2, &inner);
    Add root(&s, &outer);
    const Node *tree = argc > 5 ? (const Node *)&v0 : (const Node *)&root;
    double x[3] = {0.9, -0.4, 1.7}, dx[3] = {0, 0, 0};
    __enzyme_autodiff((void *)evalTree, enzyme_const, tree, x, dx);
    EXPECT_NEAR(dx[0], std::cos(x[0] * x[1]) * x[1] + x[2], 1e-12);
    EXPECT_NEAR(dx[1], std::cos(x[0] * x[1]) * x[0] + x[2] * x[2], 1e-12);
    EXPECT_NEAR(dx[2], x[0] + 2 * x[1] * x[2], 1e-12);
  }
  // In-place steps: against central differences of run().
  {
    Scale a(1.1), b(0.7);
    Couple c;
    const Step *steps[5] = {&a, &c, &b, &c, &a};
    const int n = 4;
    double s0[n] = {0.3, -0.2, 0.5, 0.8}, s[n], ds[n];
    std::memcpy(s, s0, sizeof s);
    for (double &d : ds)
      d = 0;
    __enzyme_autodiff((void *)run, enzyme_const, steps, enzyme_const, 5, s, ds, enzyme_const, n);
    for (int i = 0; i < n; ++i) {
      double p[n], m[n], h = 1e-6;
      std::memcpy(p, s0, sizeof p);
      std::memcpy(m, s0, sizeof m);
      p[i] += h;
      m[i] -= h;
      EXPECT_NEAR(ds[i], (run(steps, 5, p, n) - run(steps, 5, m, n)) / (2 * h), 1e-7);
    }
  }
  // Getters returning references: the gradient lands in the shadow object's data.
  for (int k = 0; k < 2; ++k) {
    Forwards f, df;
    Backwards b, db;
    for (int i = 0; i < 3; ++i) {
      f.v[i] = b.v[i] = 0.3 + 0.4 * i;
      df.v[i] = db.v[i] = 0.0;
    }
    const Store *s = k ? static_cast<const Store *>(&b) : &f;
    Store *ds = k ? static_cast<Store *>(&db) : &df;
    const double *v = k ? b.v : f.v, *dv = k ? db.v : df.v;
    __enzyme_autodiff((void *)combine, s, ds);
    int i0 = k ? 2 : 0, i1 = 1, i2 = k ? 0 : 2; // at(0), at(1), at(2)
    EXPECT_NEAR(dv[i0], v[i1], 1e-12);
    EXPECT_NEAR(dv[i1], v[i0], 1e-12);
    EXPECT_NEAR(dv[i2], std::cos(v[i2]), 1e-12);
  }
  // Invokes through a pointer, both modes.
  for (int k = 0; k < 2; ++k) {
    double x = 0.6;
    double want = k == 0 ? 18 * x : 81 * x * x;
    EXPECT_NEAR(__enzyme_autodiff((void *)guarded, enzyme_const, unaries[k], x), want, 1e-12);
    EXPECT_NEAR(__enzyme_fwddiff((void *)guarded, enzyme_const, unaries[k], x, 1.0), want, 1e-12);
  }
  // std::function with a capture.
  {
    double w = 0.8, b = 1.5;
    double d = __enzyme_autodiff((void *)gaussIntegral, w, enzyme_const, b);
    double h = 1e-6;
    EXPECT_NEAR(d, (gaussIntegral(w + h, b) - gaussIntegral(w - h, b)) / (2 * h), 1e-7);
  }
  return adj_report();
}
