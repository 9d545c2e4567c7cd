/* Adjoint's derivative rules for the BLAS routines (dot, nrm2, axpy, scal,
 * gemv, gemm; double and float; cblas_ and Fortran spellings). Compiled to
 * bitcode when Adjoint is built and carried inside the plugin; the rules a
 * module needs are linked into it (lib/Rules/LibraryRules.cpp). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { CblasRowMajor = 101, CblasColMajor = 102 };
enum { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 };

/* A derivative would be lost: the routine writes an output whose shadow is
 * missing while an input it reads carries a derivative. */
__attribute__((noreturn, cold)) static void adjoint_blas_lost(const char *routine,
                                                              const char *output) {
  fprintf(stderr,
          "adjoint: %s: its inputs carry derivatives but its output %s has no shadow, so the "
          "derivative would be lost; pass %s as enzyme_dup with a shadow\n",
          routine, output, output);
  abort();
}

#define T double
#define P d
#define BLAS(name) d##name##_
#define CBLAS(name) cblas_d##name
#include "blas-rules.h"
#include "blas-spellings.h"
#undef T
#undef P
#undef BLAS
#undef CBLAS

#define T float
#define P s
#define BLAS(name) s##name##_
#define CBLAS(name) cblas_s##name
#include "blas-rules.h"
#include "blas-spellings.h"
