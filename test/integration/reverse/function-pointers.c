// Reverse mode (and forward mode beside it) through calls via function pointers in C: a table of
// callbacks that includes libm's sin and exp, a pointer held in a struct of parameters, a
// callback that writes its result through a pointer, an integrator taking the right-hand side
// as a pointer, the pointer passed duplicated with the shadow __enzyme_virtualreverse gives,
// and split mode (__enzyme_augmentfwd / __enzyme_reverse). Checked against analytic values and
// central differences.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>
#include <string.h>

void *__enzyme_virtualreverse(void *);
void *__enzyme_augmentfwd(void *, ...);
void __enzyme_reverse(void *, ...);

typedef double (*unary_t)(double);
static double twice(double x) { return 2.0 * x; }
static double cube(double x) { return x * x * x; }
static unary_t table[4] = {sin, cube, exp, twice};

/* f_k(x) for the callbacks chosen by code's digits (base 4), composed */
static double compose(const int *code, int n, double x) {
  for (int i = 0; i < n; ++i)
    x = table[code[i]](x);
  return x;
}
static const int chain[3] = {1, 0, 3};
static double composeChain(double x) { return compose(chain, 3, x); }

/* a struct of parameters that carries its own activation */
struct layer {
  double w[3];
  double b;
  double (*act)(double);
};
static double softplus(double x) { return log1p(exp(x)); }
static double ident(double x) { return x; }

static double forwardLayer(const struct layer *L, const double *x) {
  double s = L->b;
  for (int i = 0; i < 3; ++i)
    s += L->w[i] * x[i];
  return L->act(s);
}

/* a callback that writes through a pointer */
typedef void (*rhs_t)(const double *y, double *dy, double k);
static void decay(const double *y, double *dy, double k) {
  dy[0] = -k * y[0] * y[1];
  dy[1] = k * y[0] - y[1];
}
static void rotate(const double *y, double *dy, double k) {
  dy[0] = -k * y[1];
  dy[1] = k * sin(y[0]);
}
static double integrate(rhs_t f, double k, const double *y0) {
  double y[2] = {y0[0], y0[1]}, dy[2];
  for (int s = 0; s < 20; ++s) {
    f(y, dy, k);
    y[0] += 0.05 * dy[0];
    y[1] += 0.05 * dy[1];
  }
  return y[0] * y[0] + y[1];
}
static rhs_t rhs[2] = {decay, rotate};
static double integrateWith(int which, double k, const double *y0) {
  return integrate(rhs[which], k, y0);
}

static double applyTwice(unary_t f, double x) { return f(f(x)); }

int main(int argc, char **argv) {
  (void)argv;
  /* a chain of callbacks: cube, then sin, then twice */
  {
    double x = 0.7;
    double d = __enzyme_autodiff((void *)composeChain, x);
    EXPECT_NEAR(d, 2.0 * cos(x * x * x) * 3 * x * x, 1e-12);
    EXPECT_NEAR(__enzyme_fwddiff((void *)composeChain, x, 1.0), d, 1e-12);
  }
  /* the activation in the struct of parameters: gradient with respect to the weights */
  {
    const double x[3] = {0.5, -1.0, 2.0};
    struct layer L = {{0.3, 0.1, -0.2}, 0.05, argc > 5 ? ident : softplus}, dL;
    memset(&dL, 0, sizeof dL);
    __enzyme_autodiff((void *)forwardLayer, &L, &dL, enzyme_const, x);
    double s = L.b + 0.3 * 0.5 - 0.1 * 1.0 - 0.2 * 2.0, g = exp(s) / (1 + exp(s));
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(dL.w[i], g * x[i], 1e-12);
    EXPECT_NEAR(dL.b, g, 1e-12);
  }
  /* an integrator with the right-hand side chosen at run time */
  for (int which = 0; which < 2; ++which) {
    double y0[2] = {0.8, 0.3}, dy0[2] = {0, 0}, k = 1.3, h = 1e-6;
    double dk = __enzyme_autodiff((void *)integrateWith, enzyme_const, which, k, y0, dy0);
    EXPECT_NEAR(dk, (integrateWith(which, k + h, y0) - integrateWith(which, k - h, y0)) / (2 * h),
                1e-7);
    for (int i = 0; i < 2; ++i) {
      double p[2] = {y0[0], y0[1]}, m[2] = {y0[0], y0[1]};
      p[i] += h;
      m[i] -= h;
      EXPECT_NEAR(dy0[i], (integrateWith(which, k, p) - integrateWith(which, k, m)) / (2 * h),
                  1e-7);
    }
  }
  /* the pointer itself duplicated, its shadow from __enzyme_virtualreverse */
  {
    unary_t f = argc > 5 ? twice : cube;
    void *df = __enzyme_virtualreverse((void *)f);
    double x = 0.9;
    double d = __enzyme_autodiff((void *)applyTwice, enzyme_dup, f, df, x);
    EXPECT_NEAR(d, 9 * pow(x, 8), 1e-12);
  }
  /* split mode through the integrator */
  {
    double y0[2] = {0.8, 0.3}, dy0[2] = {0, 0}, k = 0.9;
    void *tape = __enzyme_augmentfwd((void *)integrate, enzyme_const, rhs[0], enzyme_const, k,
                                     y0, dy0);
    __enzyme_reverse((void *)integrate, enzyme_const, rhs[0], enzyme_const, k, y0, dy0, 1.0, tape);
    double h = 1e-6, p[2] = {y0[0] + h, y0[1]}, m[2] = {y0[0] - h, y0[1]};
    EXPECT_NEAR(dy0[0], (integrate(rhs[0], k, p) - integrate(rhs[0], k, m)) / (2 * h), 1e-7);
  }
  return adj_report();
}
