// Reverse mode through two- and three-argument libm functions in double (pow, atan2, hypot, fmod, fmin, fmax, copysign, fma, fdim-free x*y+z) with both arguments active (struct result) and each alone.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
typedef struct {
  double dx, dy, dz;
} D3;
D2 __enzyme_autodiff2(void *, ...);
D3 __enzyme_autodiff3(void *, ...);

static void check(const char *fn, const char *what, double x, double y, double got, double want,
                  double tol, int line) {
  char buf[160];
  snprintf(buf, sizeof buf, "%s %s at (%g, %g)", fn, what, x, y);
  adj_expect_near(__FILE__, line, buf, got, want, tol);
}

static double (*cur2)(double, double);
static double fd_x(double x, double y) {
  double h = 1e-6 * (fabs(x) > 1 ? fabs(x) : 1);
  return (cur2(x + h, y) - cur2(x - h, y)) / (2 * h);
}
static double fd_y(double x, double y) {
  double h = 1e-6 * (fabs(y) > 1 ? fabs(y) : 1);
  return (cur2(x, y + h) - cur2(x, y - h)) / (2 * h);
}

#define BIN(name, dfdx, dfdy, ...)                                                         \
  static double w_##name(double x, double y) { return name(x, y); }                        \
  static void t_##name(void) {                                                             \
    static const double p[][2] = {__VA_ARGS__};                                            \
    cur2 = w_##name;                                                                       \
    for (unsigned i = 0; i < sizeof p / sizeof *p; ++i) {                                  \
      double x = p[i][0], y = p[i][1];                                                     \
      double ex = (dfdx), ey = (dfdy);                                                     \
      D2 d = __enzyme_autodiff2((void *)w_##name, x, y);                                   \
      check(#name, "d/dx", x, y, d.dx, ex, 1e-10, __LINE__);                               \
      check(#name, "d/dy", x, y, d.dy, ey, 1e-10, __LINE__);                               \
      check(#name, "d/dx FD", x, y, d.dx, fd_x(x, y), 1e-6, __LINE__);                     \
      check(#name, "d/dy FD", x, y, d.dy, fd_y(x, y), 1e-6, __LINE__);                     \
      double ax = __enzyme_autodiff((void *)w_##name, x, enzyme_const, y);                 \
      double ay = __enzyme_autodiff((void *)w_##name, enzyme_const, x, y);                 \
      check(#name, "d/dx alone", x, y, ax, ex, 1e-10, __LINE__);                           \
      check(#name, "d/dy alone", x, y, ay, ey, 1e-10, __LINE__);                           \
    }                                                                                      \
  }

BIN(pow, y * pow(x, y - 1), pow(x, y) * log(x), {2, 3}, {0.5, -1.5}, {3, 0.5}, {1.7, 2.2},
    {0.8, 1})
BIN(atan2, y / (x * x + y * y), -x / (x * x + y * y), {1, 2}, {-1, 0.5}, {0.5, -1.5},
    {-2, -3}, {3, 0.2})
BIN(hypot, x / hypot(x, y), y / hypot(x, y), {3, 4}, {-1, 2}, {0.5, -0.25}, {1e-3, 2})
BIN(fmod, 1, -trunc(x / y), {5.3, 2}, {-7.5, 2.2}, {1.2, 3.5}, {10.1, -3})
BIN(fmin, x < y ? 1 : 0, x < y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25})
BIN(fmax, x > y ? 1 : 0, x > y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25})
BIN(copysign, (x > 0) == (y > 0) ? 1 : -1, 0, {2, 3}, {2, -3}, {-2, 3}, {-2, -3})

static double w_fma(double x, double y, double z) { return fma(x, y, z); }
static double w_muladd(double x, double y, double z) { return x * y + z; }
static double gfma(const double *v) { return w_fma(v[0], v[1], v[2]); }
/* a smooth combination of several binary functions, all three active */
static double mix(double x, double y, double z) {
  return pow(x, y) * atan2(z, x) + hypot(y, z) - fmod(z * 3.0, x) + fmax(x * y, z) +
         fmin(y, z * z);
}
static double gmix(const double *v) { return mix(v[0], v[1], v[2]); }

int main(void) {
  t_pow(); t_atan2(); t_hypot(); t_fmod(); t_fmin(); t_fmax(); t_copysign();
  static const double p[][3] = {{1.5, -2, 0.5}, {0.3, 4, -1}, {-2, -3, 7}};
  for (int i = 0; i < 3; ++i) {
    double x = p[i][0], y = p[i][1], z = p[i][2];
    D3 a = __enzyme_autodiff3((void *)w_fma, x, y, z);
    D3 b = __enzyme_autodiff3((void *)w_muladd, x, y, z);
    check("fma", "dx", x, y, a.dx, y, 1e-14, __LINE__);
    check("fma", "dy", x, y, a.dy, x, 1e-14, __LINE__);
    check("fma", "dz", x, y, a.dz, 1, 1e-14, __LINE__);
    check("muladd", "dx", x, y, b.dx, y, 1e-14, __LINE__);
    check("muladd", "dy", x, y, b.dy, x, 1e-14, __LINE__);
    check("muladd", "dz", x, y, b.dz, 1, 1e-14, __LINE__);
    double v[3] = {x, y, z};
    check("fma", "dx FD", x, y, a.dx, rev_fd_vec(gfma, v, 3, 0), 1e-6, __LINE__);
    check("fma", "dy FD", x, y, a.dy, rev_fd_vec(gfma, v, 3, 1), 1e-6, __LINE__);
    check("fma", "dz FD", x, y, a.dz, rev_fd_vec(gfma, v, 3, 2), 1e-6, __LINE__);
  }
  static const double q[][3] = {{1.3, 0.7, 0.4}, {2.1, 1.5, 2.9}, {0.6, -0.8, 1.7}};
  for (int i = 0; i < 3; ++i) {
    D3 d = __enzyme_autodiff3((void *)mix, q[i][0], q[i][1], q[i][2]);
    double v[3] = {q[i][0], q[i][1], q[i][2]};
    check("mix", "dx FD", v[0], v[1], d.dx, rev_fd_vec(gmix, v, 3, 0), 1e-6, __LINE__);
    check("mix", "dy FD", v[0], v[1], d.dy, rev_fd_vec(gmix, v, 3, 1), 1e-6, __LINE__);
    check("mix", "dz FD", v[0], v[1], d.dz, rev_fd_vec(gmix, v, 3, 2), 1e-6, __LINE__);
  }
  return adj_report();
}
