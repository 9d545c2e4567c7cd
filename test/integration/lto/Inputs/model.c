/* The function that cross-file-request.c and external-without-lto.c
 * differentiate, and a helper it calls, in a translation unit of their own:
 * only a link-time (LTO) module puts them beside the requests. */
#include <math.h>

/* Kept out of line so that the derivative of model calls the derivative of
 * a function from this file. */
__attribute__((noinline)) double model_helper(double u) { return u * u * exp(-u); }

double model(double x, const double *p) {
  return model_helper(p[0] * x) + sin(p[1] * x) * p[2];
}
