/* Finite-difference helpers shared by the reverse-mode integration programs
 * (the folder is excluded from lit discovery as "Inputs").
 *
 * rev_fd_vec(g, x, n, i): central difference of g (a function of a vector of
 *   n doubles, n <= REV_FD_MAX) in component i, step 1e-6 * max(1, |x_i|).
 * rev_fd_vec_h: the same with a caller-chosen relative step.
 * rev_fd_ld: central difference of a long double function (step 1e-8).
 */
#ifndef REV_FD_H
#define REV_FD_H

#include "adjoint_test.h"

#define REV_FD_MAX 2048

static inline double rev_fd_vec_h(double (*g)(const double *), const double *x, int n, int i,
                                  double rel) {
  static double xp[REV_FD_MAX], xm[REV_FD_MAX];
  if (n > REV_FD_MAX) {
    fprintf(stderr, "rev_fd_vec: n = %d is more than REV_FD_MAX\n", n);
    ++adj_failures;
    return 0.0;
  }
  for (int k = 0; k < n; ++k)
    xp[k] = xm[k] = x[k];
  double h = rel * (fabs(x[i]) > 1.0 ? fabs(x[i]) : 1.0);
  xp[i] = x[i] + h;
  xm[i] = x[i] - h;
  /* divide by the step actually taken after rounding */
  return (g(xp) - g(xm)) / (xp[i] - xm[i]);
}

static inline double rev_fd_vec(double (*g)(const double *), const double *x, int n, int i) {
  return rev_fd_vec_h(g, x, n, i, 1e-6);
}

static inline long double rev_fd_ld(long double (*f)(long double), long double x) {
  long double h = 1e-8L * (fabsl(x) > 1.0L ? fabsl(x) : 1.0L);
  return (f(x + h) - f(x - h)) / (2 * h);
}

#endif
