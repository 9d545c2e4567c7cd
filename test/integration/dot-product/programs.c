// Dot-product test between the two modes on small multi-input kernels
// f(x, n) that read an array x: reverse mode (enzyme_dup, x, g) gives the
// gradient g, forward mode (enzyme_dup, x, u) gives J.u, and for random
// directions u
//     |<g, u> - fwd(u)| <= 1e-12 * (|<g, u>| + sum |g_i u_i|).
// Kernels: reductions that the loop vectorizer turns into vector code at -O2
// and -O3 (n = 1000), branches, a switch, nested and triangular loops,
// data-dependent while loops, early exits, a long sequential recurrence,
// loops counting down, do-while and goto loops, calls to defined functions,
// constant and switch lookup tables, a data-dependent gather, fmax/fmin
// reductions, an extra active scalar, and one float reduction (tolerance
// 1e-5). Each kernel runs at its large n with 3 random directions and at
// n = 7 with every unit direction too (a failure then names the component).
// The reverse gradient is also checked once against a central difference
// along u (loosely: it only rules out two identical wrong answers), and the
// shadow must accumulate (g += grad). The second build uses -ffast-math,
// under which more of the loops (those without libm calls) become vector
// reductions.
// RUN: %check-program %s
// RUN: %check-program %s -ffast-math
#include "adjoint_test.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the kernels --------------------------------------------------------- */

/* sum of squares, vectorized (the pragma allows reassociating the sum) */
static double k_sumsq(const double *x, int n) {
  double s = 0;
#pragma clang loop vectorize(enable) interleave(enable)
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

/* x against itself reversed and shifted by one: reverse-order loads */
static double k_dot_reversed(const double *x, int n) {
  double s = 0;
#pragma clang loop vectorize(enable) interleave(enable)
  for (int i = 0; i < n - 1; ++i)
    s += x[i] * x[n - 1 - i] + 0.5 * x[i] * x[i + 1];
  return s;
}

/* Rosenbrock, vectorized */
static double k_rosenbrock(const double *x, int n) {
  double s = 0;
#pragma clang loop vectorize(enable) interleave(enable)
  for (int i = 0; i < n - 1; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    s += 100 * a * a + b * b;
  }
  return s;
}

/* a plain (unannotated) reduction with libm calls */
static double k_libm_sum(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += sin(x[i]) * exp(0.1 * x[i]) + sqrt(1 + x[i] * x[i]);
  return s;
}

/* log-sum-exp: a max found with a branch, then a sum */
static double k_logsumexp(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += exp(x[i] - m);
  return m + log(s);
}

/* if / else-if / else per element, a switch on the index, a scaled carry */
static double k_branchy(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double v = x[i];
    double t;
    if (v > 0.3)
      t = v * v * v;
    else if (v < -0.5)
      t = sin(v);
    else
      t = exp(v) * v;
    switch (i % 3) {
    case 0:
      s = 0.999 * s + t;
      break;
    case 1:
      s += 2 * t;
      break;
    default:
      s -= t * v;
      break;
    }
  }
  return s;
}

/* a quadratic form with the Hilbert matrix: nested loops */
static double k_quadform(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j)
      r += x[j] / (1 + i + j);
    s += x[i] * r;
  }
  return s;
}

/* triangular nested loops with a data-dependent inner product */
static double k_triangular(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double p = 1;
    for (int j = 0; j <= i; j += 3)
      p *= 1 + 0.01 * x[j] * x[i];
    s += log(p);
  }
  return s;
}

/* data-dependent while loops: halvings per element (piecewise smooth), and a
 * prefix whose length depends on the data */
static double k_while(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double y = 10 * x[i] * x[i] + 0.1;
    int k = 0;
    while (y >= 1) {
      y *= 0.5;
      ++k;
    }
    s += y * y + y * x[i] + k;
  }
  double acc = 0;
  int j = 0;
  while (j < n && acc < 0.25 * n) {
    acc += x[j] * x[j] + 0.1 * sin(x[j]);
    ++j;
  }
  return s + acc;
}

/* a long sequential recurrence (every step's values on the tape) */
static double k_recurrence(const double *x, int n) {
  double y = 0.5;
  for (int i = 0; i < n; ++i)
    y = 0.9 * sin(y) + 0.1 * x[i] * cos(y) + 0.05 * x[i];
  return y;
}

/* Horner with the point and the coefficients both taken from x, counting
 * down */
static double k_horner(const double *x, int n) {
  double t = 0.5 * tanh(x[0]);
  double p = 0;
  for (int i = n - 1; i >= 1; --i)
    p = p * t + x[i];
  return p;
}

/* continue and an early break that depends on the data */
static double k_early_exit(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] < -0.8)
      continue;
    s += x[i] * x[i] * (1 + 0.1 * i);
    if (s > 0.005 * n * n)
      break;
  }
  return s;
}

/* calls to defined functions: two-pass statistics */
static double mean(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i];
  return s / n;
}
static double variance(const double *x, int n) {
  double m = mean(x, n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (x[i] - m) * (x[i] - m);
  return s / (n - 1);
}
static double k_stats(const double *x, int n) {
  double m = mean(x, n);
  return variance(x, n) / (1 + m * m) + hypot(m, variance(x + 1, n - 1));
}

/* a stencil over neighbours, with a norm that has a kink at 0 only */
static double k_stencil(const double *x, int n) {
  double e = 0, l1 = 0, l2 = 0;
  for (int i = 1; i < n - 1; ++i) {
    double d = x[i + 1] - 2 * x[i] + x[i - 1];
    e += d * d + 0.1 * cos(x[i]) * x[i - 1];
  }
  for (int i = 0; i < n; ++i) {
    l1 += fabs(x[i]);
    l2 += x[i] * x[i];
  }
  return e + sqrt(l2) / (1 + l1);
}

/* coefficients from a constant table and from a switch that clang turns
 * into a lookup table (inactive loads) */
static const double k_coef[5] = {1.5, -0.25, 0.75, 2.0, -1.0};
static double k_table(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double c;
    switch (i & 3) {
    case 0:
      c = 0.5;
      break;
    case 1:
      c = -1.25;
      break;
    case 2:
      c = 3.0;
      break;
    default:
      c = 0.125;
      break;
    }
    s += k_coef[i % 5] * x[i] * x[i] + c * x[i];
  }
  return s;
}

/* a gather: indices computed from the data (coarsely, so that the central
 * difference does not cross a jump), repeated indices included */
static double k_gather(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    int j = ((int)(4 * x[i] + 100) * 37 + i) % n;
    s += x[j] * x[i] + 0.5 * x[j] * x[j];
  }
  return s;
}

/* max and min reductions with fmax/fmin (vector reductions under
 * -ffast-math), plus a smooth term */
static double k_minmax(const double *x, int n) {
  double hi = -HUGE_VAL, lo = HUGE_VAL, s = 0;
  for (int i = 0; i < n; ++i) {
    hi = fmax(hi, x[i] * (1 + 0.001 * i));
    lo = fmin(lo, x[i]);
    s += x[i];
  }
  return hi * hi - 2 * lo + 0.1 * s;
}

/* do-while and a goto loop */
static double k_dowhile(const double *x, int n) {
  double s = 0;
  int i = 0;
  do {
    s = s * 0.99 + x[i] * sin(x[i]);
    i += 2;
  } while (i < n);
  int j = n - 1;
again:
  s += cos(x[j]) * x[j - 1];
  j -= 3;
  if (j > 0)
    goto again;
  return s;
}

/* three nested loops, the inner bounds depending on the outer indices */
static double k_nest3(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 7)
    for (int j = i; j < n; j += 11) {
      double t = 0;
      for (int k = 0; k <= (i + j) % 5; ++k)
        t += x[(j + k) % n] * x[i];
      s += sin(t) * x[j];
    }
  return s;
}

/* a trip count and a floating induction variable set by the data */
static double k_float_count(const double *x, int n) {
  int m = (int)(fabs(x[0]) * 40) + n / 2;
  if (m > n)
    m = n;
  double s = 0;
  for (int i = 0; i < m; ++i)
    s += x[i] * x[(i + 1) % n];
  for (double t = 0.25; t < 3 + x[1]; t += 0.0625)
    s += t * x[2] * x[(int)(t * 16) % n];
  return s;
}

/* counting down with an unsigned index */
static double k_unsigned_down(const double *x, int n) {
  double s = 0, w = 1;
  for (size_t i = (size_t)n; i-- > 0;) {
    s += w * x[i] * x[i];
    w *= 0.999;
  }
  return s;
}

/* two early exits to different returns, and a loop-carried pair (a, b) that
 * swaps every iteration (cycles of phis) */
static double k_exits(const double *x, int n) {
  double a = 0.5, b = 0.25;
  for (int i = 0; i < n; ++i) {
    double t = a;
    a = 0.5 * b + 0.1 * x[i] * a;
    b = t - 0.2 * x[i];
    if (a > 0.45 + 0.01 * x[0])
      return a * b;
    if (b < -0.55 - 0.01 * x[1])
      return b - a * a;
  }
  return a + b;
}

/* ---- the check ----------------------------------------------------------- */

static uint64_t rng_state = 0x13198A2E03707344ull;
static double rnd(double lo, double hi) { /* uniform in [lo, hi) */
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return lo + (hi - lo) * ((double)(rng_state >> 11) * 0x1p-53);
}

typedef double (*kernel_fn)(const double *, int);
typedef void (*rev_fn)(const double *, double *, int);
typedef double (*fwd_fn)(const double *, const double *, int);

/* The two requests of a kernel, each naming it at the call. The reverse
 * request marks n constant explicitly, the forward one relies on the
 * default (integers are constant). */
#define REQUESTS(k)                                                                                \
  static void rev_##k(const double *x, double *g, int n) {                                         \
    __enzyme_autodiff((void *)k, enzyme_dup, x, g, enzyme_const, n);                               \
  }                                                                                                \
  static double fwd_##k(const double *x, const double *u, int n) {                                 \
    return __enzyme_fwddiff((void *)k, enzyme_dup, x, u, n);                                       \
  }
REQUESTS(k_sumsq)
REQUESTS(k_dot_reversed)
REQUESTS(k_rosenbrock)
REQUESTS(k_libm_sum)
REQUESTS(k_logsumexp)
REQUESTS(k_branchy)
REQUESTS(k_quadform)
REQUESTS(k_triangular)
REQUESTS(k_while)
REQUESTS(k_recurrence)
REQUESTS(k_horner)
REQUESTS(k_early_exit)
REQUESTS(k_stats)
REQUESTS(k_stencil)
REQUESTS(k_table)
REQUESTS(k_gather)
REQUESTS(k_minmax)
REQUESTS(k_dowhile)
REQUESTS(k_nest3)
REQUESTS(k_float_count)
REQUESTS(k_unsigned_down)
REQUESTS(k_exits)

static void fail_head(const char *name, int n, const char *what) {
  fprintf(stderr, "%s: %s, n = %d, %s: ", __FILE__, name, n, what);
  ++adj_failures;
}

/* |<g, u> - fwd| <= tol * (|<g, u>| + sum |g_i u_i|) */
static void dot_check(const char *name, int n, const char *dir, const double *g, const double *u,
                      double fwd, double tol) {
  long double gu = 0, mag = 0;
  for (int i = 0; i < n; ++i) {
    long double t = (long double)g[i] * u[i];
    gu += t;
    mag += fabsl(t);
  }
  long double err = fabsl(gu - fwd);
  ++adj_checks;
  if (!(err <= tol * (fabsl(gu) + mag))) {
    fail_head(name, n, dir);
    fprintf(stderr,
            "reverse <grad,u> = %.17Lg, forward J.u = %.17g (|diff| = %.3Lg, allowed %.3Lg)\n", gu,
            fwd, err, tol * (fabsl(gu) + mag));
  }
}

/* One kernel at one n: x uniform in [lo, hi). */
static void run_kernel(const char *name, kernel_fn f, rev_fn rev, fwd_fn fwd, int n, double lo,
                       double hi) {
  double *x = malloc(n * sizeof *x), *g = calloc(n, sizeof *g), *u = malloc(n * sizeof *u);
  double *acc = malloc(n * sizeof *acc), *pre = malloc(n * sizeof *pre);
  double *xp = malloc(n * sizeof *xp), *xm = malloc(n * sizeof *xm);
  for (int i = 0; i < n; ++i)
    x[i] = rnd(lo, hi);
  rev(x, g, n);

  /* random directions */
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < n; ++i)
      u[i] = rnd(-1, 1);
    char dir[32];
    snprintf(dir, sizeof dir, "random direction %d", k);
    dot_check(name, n, dir, g, u, fwd(x, u, n), 1e-12);
  }
  /* the last direction, by central differences (the guard) */
  {
    double xmax = 0;
    for (int i = 0; i < n; ++i)
      xmax = fmax(xmax, fabs(x[i]));
    double h = 1e-6 * fmax(1, xmax);
    for (int i = 0; i < n; ++i) {
      xp[i] = x[i] + h * u[i];
      xm[i] = x[i] - h * u[i];
    }
    long double gu = 0, mag = 0;
    for (int i = 0; i < n; ++i) {
      gu += (long double)g[i] * u[i];
      mag += fabsl((long double)g[i] * u[i]);
    }
    double fd = (f(xp, n) - f(xm, n)) / (2 * h);
    ++adj_checks;
    if (!(fabsl(gu - fd) <= 1e-6 * (fabsl(gu) + mag) + 1e-9 * fabs(f(x, n)))) {
      fail_head(name, n, "random direction 2 by central differences");
      fprintf(stderr, "reverse <grad,u> = %.17Lg, finite difference = %.17g\n", gu, fd);
    }
  }
  /* every unit direction when n is small */
  if (n <= 16) {
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < n; ++i)
        u[i] = i == j;
      char dir[32];
      snprintf(dir, sizeof dir, "direction e_%d", j);
      dot_check(name, n, dir, g, u, fwd(x, u, n), 1e-12);
    }
  }
  /* the shadow accumulates: acc = pre + grad */
  for (int i = 0; i < n; ++i)
    acc[i] = pre[i] = rnd(-1, 1);
  rev(x, acc, n);
  for (int i = 0; i < n; ++i) {
    ++adj_checks;
    double want = pre[i] + g[i];
    if (!(fabs(acc[i] - want) <= 1e-14 * (fabs(pre[i]) + fabs(g[i])))) {
      fail_head(name, n, "reverse mode into a non-zero shadow");
      fprintf(stderr, "g[%d] = %.17g, expected %.17g + %.17g\n", i, acc[i], pre[i], g[i]);
      break;
    }
  }
  free(x), free(g), free(u), free(acc), free(pre), free(xp), free(xm);
}

#define RUN_KERNEL(k, n, lo, hi)                                                                   \
  do {                                                                                             \
    run_kernel(#k, k, rev_##k, fwd_##k, n, lo, hi);                                                \
    run_kernel(#k, k, rev_##k, fwd_##k, 7, lo, hi);                                                \
  } while (0)

/* ---- an extra active scalar: f(a, x, n) ----------------------------------- */

static double k_scaled(double a, const double *x, int n) {
  double s = 0;
#pragma clang loop vectorize(enable) interleave(enable)
  for (int i = 0; i < n; ++i)
    s += x[i] / (1 + a * x[i] * x[i]);
  return s * a + exp(-a);
}

static void run_scaled(int n) {
  double *x = malloc(n * sizeof *x), *g = calloc(n, sizeof *g), *u = malloc(n * sizeof *u);
  for (int i = 0; i < n; ++i)
    x[i] = rnd(-2, 2);
  double a = 0.7;
  /* reverse: d/da returned, d/dx accumulated into g */
  double ga = __enzyme_autodiff((void *)k_scaled, a, enzyme_dup, x, g, enzyme_const, n);
  for (int k = 0; k < 3; ++k) {
    double ua = rnd(-1, 1);
    for (int i = 0; i < n; ++i)
      u[i] = rnd(-1, 1);
    double fw = __enzyme_fwddiff((void *)k_scaled, a, ua, enzyme_dup, x, u, enzyme_const, n);
    long double gu = (long double)ga * ua, mag = fabsl(gu);
    for (int i = 0; i < n; ++i) {
      gu += (long double)g[i] * u[i];
      mag += fabsl((long double)g[i] * u[i]);
    }
    ++adj_checks;
    if (!(fabsl(gu - fw) <= 1e-12 * (fabsl(gu) + mag))) {
      char dir[48];
      snprintf(dir, sizeof dir, "random direction %d (a and x active)", k);
      fail_head("k_scaled", n, dir);
      fprintf(stderr, "reverse <grad,u> = %.17Lg, forward J.u = %.17g\n", gu, fw);
    }
  }
  /* the guard for d/da */
  double h = 1e-6;
  double fd = (k_scaled(a + h, x, n) - k_scaled(a - h, x, n)) / (2 * h);
  EXPECT_NEAR(ga, fd, 1e-6);
  free(x), free(g), free(u);
}

/* ---- float: a vectorized reduction, tolerance 1e-5 ------------------------ */

float __enzyme_fwddiff_f(void *, ...);
void __enzyme_autodiff_v(void *, ...);

static float k_float(const float *x, int n) {
  float s = 0;
#pragma clang loop vectorize(enable) interleave(enable)
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * (0.5f + 0.25f * x[i]);
  return s + sinf(x[0]) * x[n - 1];
}

static void run_float(int n) {
  float *x = malloc(n * sizeof *x), *g = calloc(n, sizeof *g), *u = malloc(n * sizeof *u);
  for (int i = 0; i < n; ++i)
    x[i] = (float)rnd(-2, 2);
  __enzyme_autodiff_v((void *)k_float, enzyme_dup, x, g, enzyme_const, n);
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < n; ++i)
      u[i] = (float)rnd(-1, 1);
    float fw = __enzyme_fwddiff_f((void *)k_float, enzyme_dup, x, u, enzyme_const, n);
    long double gu = 0, mag = 0;
    for (int i = 0; i < n; ++i) {
      gu += (long double)g[i] * u[i];
      mag += fabsl((long double)g[i] * u[i]);
    }
    ++adj_checks;
    if (!(fabsl(gu - fw) <= 1e-5 * (fabsl(gu) + mag))) {
      char dir[32];
      snprintf(dir, sizeof dir, "random direction %d", k);
      fail_head("k_float", n, dir);
      fprintf(stderr, "reverse <grad,u> = %.17Lg, forward J.u = %.9g\n", gu, (double)fw);
    }
  }
  /* the guard: d/dx_i = x_i + 0.75 x_i^2, plus the two ends */
  for (int i = 1; i < n - 1; i += n / 7 + 1)
    EXPECT_NEAR(g[i], x[i] + 0.75 * x[i] * x[i], 1e-5);
  EXPECT_NEAR(g[0], x[0] + 0.75 * x[0] * x[0] + cos(x[0]) * x[n - 1], 1e-5);
  EXPECT_NEAR(g[n - 1], x[n - 1] + 0.75 * x[n - 1] * x[n - 1] + sin(x[0]), 1e-5);
  free(x), free(g), free(u);
}

int main(void) {
  RUN_KERNEL(k_sumsq, 1000, -2, 2);
  RUN_KERNEL(k_dot_reversed, 1000, -2, 2);
  RUN_KERNEL(k_rosenbrock, 1000, -1.5, 1.5);
  RUN_KERNEL(k_libm_sum, 1000, -3, 3);
  RUN_KERNEL(k_logsumexp, 1000, -5, 5);
  RUN_KERNEL(k_branchy, 1000, -1.5, 1.5);
  RUN_KERNEL(k_quadform, 200, -1, 1);
  RUN_KERNEL(k_triangular, 300, -1, 1);
  RUN_KERNEL(k_while, 1000, -3, 3);
  RUN_KERNEL(k_recurrence, 1000, -1, 1);
  RUN_KERNEL(k_horner, 1000, -1, 1);
  RUN_KERNEL(k_early_exit, 1000, -1, 1);
  RUN_KERNEL(k_stats, 1000, -2, 3);
  RUN_KERNEL(k_stencil, 1000, -2, 2);
  RUN_KERNEL(k_table, 1000, -2, 2);
  RUN_KERNEL(k_gather, 1000, -2, 2);
  RUN_KERNEL(k_minmax, 1000, -2, 2);
  RUN_KERNEL(k_dowhile, 1000, -2, 2);
  RUN_KERNEL(k_nest3, 1000, -1, 1);
  RUN_KERNEL(k_float_count, 1000, -1, 1);
  RUN_KERNEL(k_unsigned_down, 1000, -1, 1);
  RUN_KERNEL(k_exits, 1000, -2, 2);
  run_scaled(1000);
  run_scaled(7);
  run_float(1000);
  run_float(7);
  return adj_report();
}
