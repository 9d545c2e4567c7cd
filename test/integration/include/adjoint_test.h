/* Shared helpers for integration programs: compare a derivative with a
 * reference (finite differences or an analytic value) and count failures.
 * A program ends with `return adj_report();`, which exits non-zero on any
 * mismatch. */
#ifndef ADJOINT_TEST_H
#define ADJOINT_TEST_H

#include <adjoint/enzyme.h>
#include <math.h>
#include <stdio.h>

static int adj_failures = 0;
static int adj_checks = 0;

/* |got - want| <= tol * max(1, |want|) */
static inline void adj_expect_near(const char *file, int line, const char *what, double got,
                                   double want, double tol) {
  ++adj_checks;
  double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
  if (!(fabs(got - want) <= tol * scale)) {
    fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (tol %g)\n", file, line, what, got,
            want, tol);
    ++adj_failures;
  }
}
#define EXPECT_NEAR(got, want, tol) adj_expect_near(__FILE__, __LINE__, #got, (got), (want), (tol))

/* Central difference of f at x, step h scaled to x. */
static inline double adj_fd(double (*f)(double), double x) {
  double h = 1e-6 * (fabs(x) > 1.0 ? fabs(x) : 1.0);
  return (f(x + h) - f(x - h)) / (2 * h);
}
static inline float adj_fdf(float (*f)(float), float x) {
  double h = 1e-3 * (fabs(x) > 1.0 ? fabs(x) : 1.0);
  return (float)(((double)f((float)(x + h)) - (double)f((float)(x - h))) / (2 * h));
}

static inline int adj_report(void) {
  if (adj_failures) {
    fprintf(stderr, "%d of %d checks failed\n", adj_failures, adj_checks);
    return 1;
  }
  if (adj_checks == 0) {
    fprintf(stderr, "no checks ran\n");
    return 1;
  }
  printf("%d checks passed\n", adj_checks);
  return 0;
}

#endif
