/* Finite-difference helpers for the reverse-mode memory programs (the folder
 * is excluded from lit discovery as "Inputs").
 *
 * rm_fd(g, x, n, i): central difference in component i of g, a function of n
 *   doubles that may overwrite its argument: each evaluation gets a fresh
 *   copy of x (step 1e-6 * max(1, |x_i|)).
 * rm_fd_out(f, x, n, m, w, i): central difference in component i of
 *   sum_k w[k] * y[k], where f(x, y) writes the m outputs y from x: the
 *   reference for J^T w, what reverse mode adds into dx when dy = w.
 */
#ifndef RM_FD_H
#define RM_FD_H

#include "../../reverse/Inputs/rev_fd.h"
#include <string.h>

#define RM_FD_MAX 256

/* xp, xm = copies of x with component i moved by +-1e-6 max(1, |x_i|); returns the step
 * actually taken after rounding. */
static inline double rm_fd_perturb(const double *x, int n, int i, double *xp, double *xm) {
  memcpy(xp, x, sizeof(double) * n);
  memcpy(xm, x, sizeof(double) * n);
  double h = 1e-6 * (fabs(x[i]) > 1.0 ? fabs(x[i]) : 1.0);
  xp[i] += h;
  xm[i] -= h;
  return xp[i] - xm[i];
}

static inline double rm_fd(double (*g)(double *), const double *x, int n, int i) {
  double xp[RM_FD_MAX], xm[RM_FD_MAX];
  if (n > RM_FD_MAX) {
    fprintf(stderr, "rm_fd: n = %d is more than RM_FD_MAX\n", n);
    ++adj_failures;
    return 0.0;
  }
  double step = rm_fd_perturb(x, n, i, xp, xm);
  return (g(xp) - g(xm)) / step;
}

static inline double rm_fd_out(void (*f)(const double *, double *), const double *x, int n,
                               int m, const double *w, int i) {
  double xp[RM_FD_MAX], xm[RM_FD_MAX], yp[RM_FD_MAX], ym[RM_FD_MAX];
  if (n > RM_FD_MAX || m > RM_FD_MAX) {
    fprintf(stderr, "rm_fd_out: size is more than RM_FD_MAX\n");
    ++adj_failures;
    return 0.0;
  }
  double step = rm_fd_perturb(x, n, i, xp, xm);
  f(xp, yp);
  f(xm, ym);
  double s = 0.0;
  for (int k = 0; k < m; ++k)
    s += w[k] * (yp[k] - ym[k]);
  return s / step;
}

#endif
