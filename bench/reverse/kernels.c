/* Reverse-mode loop kernels (values and read-only arrays): gradient time against the primal
 * and against a hand-written gradient, and the tape's peak size. Each gradient is checked
 * against the hand-written one before it is timed; a wrong gradient is reported, never timed.
 * Built with -Wl,--wrap=realloc: the tape grows through realloc, so every growth passes
 * through __wrap_realloc below, which keeps the largest size asked for. */
#include <adjoint/enzyme.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 4096
#define STEPS 20000

void *__real_realloc(void *, size_t);
static size_t tape_peak;
void *__wrap_realloc(void *p, size_t n) {
  if (n > tape_peak)
    tape_peak = n;
  return __real_realloc(p, n);
}

/* 1. log-sum-exp of an array */
static double lse(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i) m = x[i] > m ? x[i] : m;
  double s = 0;
  for (int i = 0; i < n; ++i) s += exp(x[i] - m);
  return m + log(s);
}
static void lse_hand(const double *x, int n, double *g) {
  double m = x[0];
  for (int i = 1; i < n; ++i) m = x[i] > m ? x[i] : m;
  double s = 0;
  for (int i = 0; i < n; ++i) s += exp(x[i] - m);
  for (int i = 0; i < n; ++i) g[i] += exp(x[i] - m) / s;
}

/* 2. quadratic form x^T A x with a constant banded A (5 bands) */
static const double Band[5] = {0.1, -0.4, 2.0, -0.4, 0.1};
static double quad(const double *x, int n) {
  double s = 0;
  for (int i = 2; i < n - 2; ++i) {
    double ax = 0;
    for (int k = -2; k <= 2; ++k) ax += Band[k + 2] * x[i + k];
    s += x[i] * ax;
  }
  return s;
}
static void quad_hand(const double *x, int n, double *g) {
  for (int i = 2; i < n - 2; ++i) {
    double ax = 0;
    for (int k = -2; k <= 2; ++k) {
      ax += Band[k + 2] * x[i + k];
      g[i + k] += x[i] * Band[k + 2];
    }
    g[i] += ax;
  }
}

/* 3. a scalar nonlinear ODE system (3 states, RK2 midpoint) integrated STEPS times:
 *    derivative with respect to its 4 parameters */
static double ode(double a, double b, double c, double d) {
  double u = 1.0, v = 0.5, w = 0.2, h = 1e-3;
  for (int s = 0; s < STEPS; ++s) {
    double du = a * (v - u), dv = u * (b - w) - v, dw = u * v - c * w + d * sin(u);
    double um = u + 0.5 * h * du, vm = v + 0.5 * h * dv, wm = w + 0.5 * h * dw;
    du = a * (vm - um); dv = um * (b - wm) - vm; dw = um * vm - c * wm + d * sin(um);
    u += h * du; v += h * dv; w += h * dw;
  }
  return u * u + v * v + w * w;
}
typedef struct { double a, b, c, d; } G4;
G4 __enzyme_autodiff4(void *, ...);
/* Hand-written adjoint: stores the trajectory, then sweeps back. */
static double traj[STEPS + 1][3];
static G4 ode_hand(double a, double b, double c, double d) {
  double u = 1.0, v = 0.5, w = 0.2, h = 1e-3;
  for (int s = 0; s < STEPS; ++s) {
    traj[s][0] = u; traj[s][1] = v; traj[s][2] = w;
    double du = a * (v - u), dv = u * (b - w) - v, dw = u * v - c * w + d * sin(u);
    double um = u + 0.5 * h * du, vm = v + 0.5 * h * dv, wm = w + 0.5 * h * dw;
    du = a * (vm - um); dv = um * (b - wm) - vm; dw = um * vm - c * wm + d * sin(um);
    u += h * du; v += h * dv; w += h * dw;
  }
  double ub = 2 * u, vb = 2 * v, wb = 2 * w;
  G4 g = {0, 0, 0, 0};
  for (int s = STEPS - 1; s >= 0; --s) {
    u = traj[s][0]; v = traj[s][1]; w = traj[s][2];
    double du = a * (v - u), dv = u * (b - w) - v, dw = u * v - c * w + d * sin(u);
    double um = u + 0.5 * h * du, vm = v + 0.5 * h * dv, wm = w + 0.5 * h * dw;
    /* u' = u + h du2 ... */
    double du2b = h * ub, dv2b = h * vb, dw2b = h * wb;
    double umb = -a * du2b + (b - wm) * dv2b + (vm + d * cos(um)) * dw2b;
    double vmb = a * du2b - dv2b + um * dw2b;
    double wmb = -um * dv2b - c * dw2b;
    g.a += (vm - um) * du2b; g.b += um * dv2b; g.c += -wm * dw2b; g.d += sin(um) * dw2b;
    double du1b = 0.5 * h * umb, dv1b = 0.5 * h * vmb, dw1b = 0.5 * h * wmb;
    double nub = ub + umb, nvb = vb + vmb, nwb = wb + wmb;
    nub += -a * du1b + (b - w) * dv1b + (v + d * cos(u)) * dw1b;
    nvb += a * du1b - dv1b + u * dw1b;
    nwb += -u * dv1b - c * dw1b;
    g.a += (v - u) * du1b; g.b += u * dv1b; g.c += -w * dw1b; g.d += sin(u) * dw1b;
    ub = nub; vb = nvb; wb = nwb;
  }
  return g;
}

/* 4. a data-dependent while loop per element: Newton's iteration for sqrt(x_i^2 + 1), summed */
static double newton(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double a = x[i] * x[i] + 1, y = a;
    while (fabs(y * y - a) > 1e-12 * a) y = 0.5 * (y + a / y);
    s += y;
  }
  return s;
}
/* Hand-written adjoint: keeps the iterates, then sweeps back through
 * y' = (y + a / y) / 2: dy'/dy = (1 - a / y^2) / 2, dy'/da = 1 / (2 y). */
static void newton_hand(const double *x, int n, double *g) {
  for (int i = 0; i < n; ++i) {
    double a = x[i] * x[i] + 1, y = a, ys[64];
    int k = 0;
    while (fabs(y * y - a) > 1e-12 * a) {
      ys[k++] = y;
      y = 0.5 * (y + a / y);
    }
    double yb = 1, ab = 0;
    while (k-- > 0) {
      ab += 0.5 * yb / ys[k];
      yb *= 0.5 * (1 - a / (ys[k] * ys[k]));
    }
    ab += yb; /* y0 = a */
    g[i] += 2 * x[i] * ab;
  }
}

/* 5. arrays written in memory: an explicit 1-D stencil on heap buffers (two time levels
 *    swapped each step), f = sum of the final state squared; gradient w.r.t. the initial
 *    state */
#define SN 2048
#define ST 50
static double stencil(const double *u0, int n, int steps) {
  double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double));
  memcpy(a, u0, n * sizeof(double));
  for (int t = 0; t < steps; ++t) {
    b[0] = a[0];
    b[n - 1] = a[n - 1];
    for (int i = 1; i < n - 1; ++i)
      b[i] = a[i] + 0.2 * (a[i - 1] - 2 * a[i] + a[i + 1]) + 0.05 * a[i] * (1 - a[i]);
    double *c = a; a = b; b = c;
  }
  double s = 0;
  for (int i = 0; i < n; ++i) s += a[i] * a[i];
  free(a);
  free(b);
  return s;
}
/* Hand-written adjoint: keeps every time level, then sweeps back. */
static double levels[ST + 1][SN];
static void stencil_hand(const double *u0, int n, int steps, double *g) {
  memcpy(levels[0], u0, n * sizeof(double));
  for (int t = 0; t < steps; ++t) {
    const double *a = levels[t];
    double *b = levels[t + 1];
    b[0] = a[0];
    b[n - 1] = a[n - 1];
    for (int i = 1; i < n - 1; ++i)
      b[i] = a[i] + 0.2 * (a[i - 1] - 2 * a[i] + a[i + 1]) + 0.05 * a[i] * (1 - a[i]);
  }
  static double ab[SN], bb[SN];
  for (int i = 0; i < n; ++i) bb[i] = 2 * levels[steps][i];
  for (int t = steps - 1; t >= 0; --t) {
    const double *a = levels[t];
    memset(ab, 0, n * sizeof(double));
    ab[0] += bb[0];
    ab[n - 1] += bb[n - 1];
    for (int i = 1; i < n - 1; ++i) {
      ab[i - 1] += 0.2 * bb[i];
      ab[i] += (1 - 0.4 + 0.05 * (1 - 2 * a[i])) * bb[i];
      ab[i + 1] += 0.2 * bb[i];
    }
    memcpy(bb, ab, n * sizeof(double));
  }
  for (int i = 0; i < n; ++i) g[i] += bb[i];
}

/* 6. a dense matrix-vector product, f = |A x|^2; gradient w.r.t. A and x */
#define MN 256
static double matvec(const double *A, const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double y = 0;
    for (int j = 0; j < n; ++j) y += A[i * n + j] * x[j];
    s += y * y;
  }
  return s;
}
static void matvec_hand(const double *A, const double *x, int n, double *gA, double *gx) {
  for (int i = 0; i < n; ++i) {
    double y = 0;
    for (int j = 0; j < n; ++j) y += A[i * n + j] * x[j];
    double yb = 2 * y;
    for (int j = 0; j < n; ++j) {
      gA[i * n + j] += yb * x[j];
      gx[j] += yb * A[i * n + j];
    }
  }
}

/* 7. an in-place update: sweeps that overwrite the input, x[i] += 0.1 sin(x[i-1]) x[i],
 *    f = sum x^2 after the sweeps; gradient w.r.t. the initial x (the overwritten values
 *    must be kept for the reverse pass) */
#define IS 10
static double inplace(double *x, int n, int sweeps) {
  for (int s = 0; s < sweeps; ++s)
    for (int i = 1; i < n; ++i)
      x[i] += 0.1 * sin(x[i - 1]) * x[i];
  double f = 0;
  for (int i = 0; i < n; ++i) f += x[i] * x[i];
  return f;
}
static double sweeps_kept[IS][N];
static void inplace_hand(double *x, int n, int sweeps, double *g) {
  for (int s = 0; s < sweeps; ++s) {
    memcpy(sweeps_kept[s], x, n * sizeof(double));
    for (int i = 1; i < n; ++i)
      x[i] += 0.1 * sin(x[i - 1]) * x[i];
  }
  for (int i = 0; i < n; ++i) g[i] = 2 * x[i];
  for (int s = sweeps - 1; s >= 0; --s) {
    /* re-run the sweep to get x[i-1] after its own update, then go back */
    static double cur[N];
    memcpy(cur, sweeps_kept[s], n * sizeof(double));
    for (int i = 1; i < n; ++i)
      cur[i] += 0.1 * sin(cur[i - 1]) * cur[i];
    for (int i = n - 1; i >= 1; --i) {
      double prev = cur[i - 1], old = sweeps_kept[s][i];
      /* x[i]new = old (1 + 0.1 sin(prev)) */
      g[i - 1] += g[i] * 0.1 * cos(prev) * old;
      g[i] *= 1 + 0.1 * sin(prev);
    }
  }
}

/* 8. a callback per element through a function pointer chosen at run time (kept as a call:
 * each call has its own small tape) */
static double act_tanh(double u) { return tanh(u); }
static double act_soft(double u) { return log1p(exp(u)); }
static double (*acts[2])(double) = {act_tanh, act_soft};
static volatile int act_choice = 1;
static double callbacks(double (*act)(double), const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += act(x[i]) * x[i];
  return s;
}
static void callbacks_hand(double (*act)(double), const double *x, int n, double *g) {
  for (int i = 0; i < n; ++i) {
    double u = x[i], y, dy;
    if (act == act_tanh) {
      y = tanh(u);
      dy = 1 - y * y;
    } else {
      double e = exp(u);
      y = log1p(e);
      dy = e / (1 + e);
    }
    g[i] += dy * u + y;
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}
static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static volatile double sink;
/* Median over 7 samples of the time per call (each sample >= 50 ms). */
#define TIME(result, body)                                                                  \
  do {                                                                                      \
    double samples[7];                                                                      \
    long reps = 1;                                                                          \
    for (;;) {                                                                              \
      double t0 = now();                                                                    \
      for (long r_ = 0; r_ < reps; ++r_) { body; }                                          \
      if (now() - t0 > 0.05) break;                                                         \
      reps *= 2;                                                                            \
    }                                                                                       \
    for (int k_ = 0; k_ < 7; ++k_) {                                                        \
      double t0 = now();                                                                    \
      for (long r_ = 0; r_ < reps; ++r_) { body; }                                          \
      samples[k_] = (now() - t0) / reps;                                                    \
    }                                                                                       \
    qsort(samples, 7, sizeof(double), cmp);                                                 \
    result = samples[3];                                                                    \
  } while (0)

static double maxrel(const double *a, const double *b, int n) {
  double num = 0, den = 1e-300;
  for (int i = 0; i < n; ++i) {
    if (!(fabs(a[i] - b[i]) <= num)) num = isnan(a[i] - b[i]) ? INFINITY : fabs(a[i] - b[i]);
    den = fmax(den, fabs(b[i]));
  }
  return num / den;
}

/* tape: the largest tape capacity one gradient call asked for (0: no tape). */
static void report(const char *name, double tp, double tg, double th, double err, size_t tape) {
  if (!(err < 1e-9)) {
    printf("RESULT kernel=%s status=WRONG err_vs_hand=%.2e\n", name, err);
    return;
  }
  printf("RESULT kernel=%s primal_s=%.4e adjoint_s=%.4e hand_s=%.4e adjoint/primal=%.2f "
         "hand/primal=%.2f adjoint/hand=%.2f err_vs_hand=%.1e tape_peak_bytes=%zu\n",
         name, tp, tg, th, tg / tp, th / tp, tg / th, err, tape);
}

int main(void) {
  static double x[N], g[N], gh[N];
  for (int i = 0; i < N; ++i) x[i] = sin(0.37 * i) + 0.1 * cos(1.3 * i);
  double tp, tg, th;

  memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
  tape_peak = 0;
  __enzyme_autodiff((void *)lse, enzyme_dup, x, g, enzyme_const, N);
  size_t tape = tape_peak;
  lse_hand(x, N, gh);
  double err = maxrel(g, gh, N);
  TIME(tp, sink = lse(x, N));
  TIME(tg, __enzyme_autodiff((void *)lse, enzyme_dup, x, g, enzyme_const, N));
  TIME(th, lse_hand(x, N, gh));
  report("logsumexp", tp, tg, th, err, tape);

  memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
  tape_peak = 0;
  __enzyme_autodiff((void *)quad, enzyme_dup, x, g, enzyme_const, N);
  tape = tape_peak;
  quad_hand(x, N, gh);
  err = maxrel(g, gh, N);
  TIME(tp, sink = quad(x, N));
  TIME(tg, __enzyme_autodiff((void *)quad, enzyme_dup, x, g, enzyme_const, N));
  TIME(th, quad_hand(x, N, gh));
  report("quadform", tp, tg, th, err, tape);

  memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
  tape_peak = 0;
  __enzyme_autodiff((void *)newton, enzyme_dup, x, g, enzyme_const, N);
  tape = tape_peak;
  newton_hand(x, N, gh);
  err = maxrel(g, gh, N);
  TIME(tp, sink = newton(x, N));
  TIME(tg, __enzyme_autodiff((void *)newton, enzyme_dup, x, g, enzyme_const, N));
  TIME(th, newton_hand(x, N, gh));
  report("newton-while", tp, tg, th, err, tape);

  /* 5. stencil, on a state in (0.2, 0.8) where the logistic term stays bounded */
  static double u0[SN];
  for (int i = 0; i < SN; ++i) u0[i] = 0.5 + 0.27 * x[i];
  memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
  tape_peak = 0;
  __enzyme_autodiff((void *)stencil, enzyme_dup, u0, g, enzyme_const, SN, enzyme_const, ST);
  tape = tape_peak;
  stencil_hand(u0, SN, ST, gh);
  err = maxrel(g, gh, SN);
  if (!(fabs(gh[SN / 2]) > 0))
    err = 1; /* a zero gradient would compare equal */
  TIME(tp, sink = stencil(u0, SN, ST));
  TIME(tg, __enzyme_autodiff((void *)stencil, enzyme_dup, u0, g, enzyme_const, SN, enzyme_const, ST));
  TIME(th, stencil_hand(u0, SN, ST, gh));
  report("stencil-heap", tp, tg, th, err, tape);

  /* 6. matvec */
  {
    static double A[MN * MN], gA[MN * MN], gAh[MN * MN], xv[MN], gxv[MN], gxh[MN];
    for (int i = 0; i < MN * MN; ++i) A[i] = cos(0.01 * i) / MN;
    for (int i = 0; i < MN; ++i) xv[i] = sin(0.3 * i);
    tape_peak = 0;
    __enzyme_autodiff((void *)matvec, enzyme_dup, A, gA, enzyme_dup, xv, gxv, enzyme_const, MN);
    tape = tape_peak;
    matvec_hand(A, xv, MN, gAh, gxh);
    err = fmax(maxrel(gA, gAh, MN * MN), maxrel(gxv, gxh, MN));
    TIME(tp, sink = matvec(A, xv, MN));
    TIME(tg, __enzyme_autodiff((void *)matvec, enzyme_dup, A, gA, enzyme_dup, xv, gxv,
                               enzyme_const, MN));
    TIME(th, matvec_hand(A, xv, MN, gAh, gxh));
    report("matvec", tp, tg, th, err, tape);
  }

  /* 7. in-place sweeps: every call starts from a fresh copy of x */
  {
    static double w[N];
    memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
    memcpy(w, x, sizeof w);
    tape_peak = 0;
    __enzyme_autodiff((void *)inplace, enzyme_dup, w, g, enzyme_const, N, enzyme_const, IS);
    tape = tape_peak;
    memcpy(w, x, sizeof w);
    inplace_hand(w, N, IS, gh);
    err = maxrel(g, gh, N);
    TIME(tp, memcpy(w, x, sizeof w); sink = inplace(w, N, IS));
    TIME(tg, memcpy(w, x, sizeof w); memset(g, 0, sizeof g);
         __enzyme_autodiff((void *)inplace, enzyme_dup, w, g, enzyme_const, N, enzyme_const, IS));
    TIME(th, memcpy(w, x, sizeof w); inplace_hand(w, N, IS, gh));
    report("inplace-sweeps", tp, tg, th, err, tape);
  }

  {
    double (*act)(double) = acts[act_choice];
    memset(g, 0, sizeof g); memset(gh, 0, sizeof gh);
    tape_peak = 0;
    __enzyme_autodiff((void *)callbacks, enzyme_const, act, enzyme_dup, x, g, enzyme_const, N);
    tape = tape_peak;
    callbacks_hand(act, x, N, gh);
    err = maxrel(g, gh, N);
    TIME(tp, sink = callbacks(act, x, N));
    TIME(tg, __enzyme_autodiff((void *)callbacks, enzyme_const, act, enzyme_dup, x, g,
                               enzyme_const, N));
    TIME(th, callbacks_hand(act, x, N, gh));
    report("callbacks", tp, tg, th, err, tape);
  }

  tape_peak = 0;
  G4 ga = __enzyme_autodiff4((void *)ode, 1.1, 2.0, 0.7, 0.3);
  tape = tape_peak;
  G4 gb = ode_hand(1.1, 2.0, 0.7, 0.3);
  err = maxrel((double *)&ga, (double *)&gb, 4);
  TIME(tp, sink = ode(1.1, 2.0, 0.7, 0.3));
  TIME(tg, G4 r = __enzyme_autodiff4((void *)ode, 1.1, 2.0, 0.7, 0.3); sink = r.a);
  TIME(th, G4 r = ode_hand(1.1, 2.0, 0.7, 0.3); sink = r.a);
  report("ode-rk2", tp, tg, th, err, tape);
  return 0;
}
