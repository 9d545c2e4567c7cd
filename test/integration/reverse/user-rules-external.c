// User rules for functions defined in another file (a library without
// source, here a second object built without the plugin): a reverse-mode
// rule in both combined and split mode, a forward-mode rule in forward
// mode, and a function with both. The bodies are not there to
// differentiate, so only the rules can give these values.
// RUN: %clang -O2 -DLIBRARY -c %s -o %t-lib.o
// RUN: %adjoint-cc -O0 -I%S/../include %s %t-lib.o -o %t0 -lm && %t0
// RUN: %adjoint-cc -O2 -I%S/../include %s %t-lib.o -o %t2 -lm && %t2
// RUN: %adjoint-cc -O3 -I%S/../include %s %t-lib.o -o %t3 -lm && %t3
#ifdef LIBRARY
#include <math.h>
double ext_cube(double x) { return x * x * x; }
void ext_scale(const double *x, double *y, double a, int n) {
  for (int i = 0; i < n; ++i) y[i] = a * x[i];
}
double ext_sin(double x) { return sin(x); }
#else
#include "adjoint_test.h"

double __enzyme_reverse_d(void *, ...);

double ext_cube(double x);
void ext_scale(const double *x, double *y, double a, int n);
double ext_sin(double x);

double ext_cube_aug(double x) { return ext_cube(x); }
double ext_cube_rev(double x, double dy) { return 3 * x * x * dy; }
void *__enzyme_register_gradient_ext_cube[3] = {(void *)ext_cube, (void *)ext_cube_aug,
                                                (void *)ext_cube_rev};

void *ext_scale_aug(const double *x, double *dx, double *y, double *dy, double a, int n) {
  ext_scale(x, y, a, n);
  return 0;
}
double ext_scale_rev(const double *x, double *dx, double *y, double *dy, double a, int n,
                     void *tape) {
  double da = 0;
  for (int i = 0; i < n; ++i) {
    dx[i] += a * dy[i];
    da += x[i] * dy[i];
    dy[i] = 0;
  }
  return da;
}
void *__enzyme_register_gradient_ext_scale[3] = {(void *)ext_scale, (void *)ext_scale_aug,
                                                 (void *)ext_scale_rev};

/* Both modes' rules for one function. */
double ext_sin_aug(double x) { return ext_sin(x); }
double ext_sin_rev(double x, double dy) { return cos(x) * dy; }
double ext_sin_fwd(double x, double dx) { return cos(x) * dx; }
void *__enzyme_register_gradient_ext_sin[3] = {(void *)ext_sin, (void *)ext_sin_aug,
                                               (void *)ext_sin_rev};
void *__enzyme_register_derivative_ext_sin[2] = {(void *)ext_sin, (void *)ext_sin_fwd};

static double f(double x) { return ext_cube(x) * ext_sin(x); }

static double h(double x) { return ext_sin(x) * x; }

static double g(const double *x, double a) {
  double y[3];
  ext_scale(x, y, a, 3);
  return y[0] * y[1] + y[2];
}

int main(void) {
  double x = 0.7;
  double want = 3 * x * x * sin(x) + x * x * x * cos(x);
  EXPECT_NEAR(__enzyme_autodiff((void *)f, x), want, 1e-12);
  EXPECT_NEAR(__enzyme_fwddiff((void *)ext_sin, x, 1.0), cos(x), 1e-15);
  EXPECT_NEAR(__enzyme_fwddiff((void *)h, x, 2.0), 2 * (cos(x) * x + sin(x)), 1e-12);

  double xs[3] = {1, 2, 3}, dxs[3] = {0, 0, 0}, a = 0.5;
  /* g = a^2 x0 x1 + a x2 */
  double da = __enzyme_autodiff((void *)g, xs, dxs, a);
  EXPECT_NEAR(da, 2 * a * xs[0] * xs[1] + xs[2], 1e-12);
  EXPECT_NEAR(dxs[0], a * a * xs[1], 1e-12);
  EXPECT_NEAR(dxs[1], a * a * xs[0], 1e-12);
  EXPECT_NEAR(dxs[2], a, 1e-12);

  /* Split, on f and on ext_cube itself: the rules' halves run apart. */
  void *tf = __enzyme_augmentfwd((void *)f, x);
  void *tc = __enzyme_augmentfwd((void *)ext_cube, x);
  EXPECT_NEAR(__enzyme_reverse_d((void *)ext_cube, x, 2.0, tc), 6 * x * x, 1e-12);
  EXPECT_NEAR(__enzyme_reverse_d((void *)f, x, 1.0, tf), want, 1e-12);
  return adj_report();
}
#endif
