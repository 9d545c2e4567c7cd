/* Derivative rules of the BLAS routines, for one precision: included by
 * blas-rules.c with T (the float type) and BLAS(name) (the Fortran symbol
 * of that precision, e.g. BLAS(axpy) = daxpy_) defined.
 *
 * The rules follow Adjoint's user-rule conventions (lib/Requests/
 * Registrations.h), with two additions that library rules declare through
 * attributes: a forward rule runs *before* the primal call (so it reads the
 * inputs the routine overwrites: x of scal, y of gemv, C of gemm), and the
 * augmented and reverse rules get a last argument, the mask of the
 * routine's active parameters (bit i: parameter i has a derivative), so
 * they tape only what the active ones need.
 *
 * Every rule is written once, column-major, over the Fortran routines (which
 * every BLAS library exports, under the cblas_ names too); the cblas_
 * spellings map row-major calls onto it. A derivative whose output has no
 * shadow while an input carries one would be lost: the rule stops the
 * program with a message instead. */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define R(name) CAT(CAT(adjoint_blas_, P), CAT(_, name))

/* ---- helpers -------------------------------------------------------------- */

/* Element i of a strided vector of n elements, as BLAS counts them: a
 * negative stride walks the vector from its end. */
static inline long R(at)(int i, int n, int inc) {
  return inc >= 0 ? (long)i * inc : (long)(i - n + 1) * inc;
}

static T R(dot)(int n, const T *x, int incx, const T *y, int incy) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += x[R(at)(i, n, incx)] * y[R(at)(i, n, incy)];
  return s;
}

/* y = a * y; a zero clears (NaN or not), as BLAS's beta = 0 does. */
static void R(scale)(int n, T a, T *y, int inc) {
  for (int i = 0; i < n; ++i)
    y[R(at)(i, n, inc)] = a == 0 ? 0 : a * y[R(at)(i, n, inc)];
}

static void R(add)(int n, T a, const T *x, int incx, T *y, int incy) {
  for (int i = 0; i < n; ++i)
    y[R(at)(i, n, incy)] += a * x[R(at)(i, n, incx)];
}

/* A contiguous copy of a strided vector, stored at *at (advanced). */
static T *R(keep)(T **at, int n, const T *x, int inc) {
  T *c = *at;
  for (int i = 0; i < n; ++i)
    c[i] = x[R(at)(i, n, inc)];
  *at += n;
  return c;
}

/* A packed (leading dimension = rows) copy of a column-major matrix. */
static T *R(keepm)(T **at, int rows, int cols, const T *a, int lda) {
  T *c = *at;
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i)
      c[(long)j * rows + i] = a[(long)j * lda + i];
  *at += (long)rows * cols;
  return c;
}

static T R(dotm)(int rows, int cols, const T *a, int lda, const T *b, int ldb) {
  T s = 0;
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i)
      s += a[(long)j * lda + i] * b[(long)j * ldb + i];
  return s;
}

static void R(scalem)(int rows, int cols, T a, T *c, int ldc) {
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i)
      c[(long)j * ldc + i] = a == 0 ? 0 : a * c[(long)j * ldc + i];
}

static void R(addm)(int rows, int cols, T a, const T *b, int ldb, T *c, int ldc) {
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i)
      c[(long)j * ldc + i] += a * b[(long)j * ldb + i];
}

static int R(max1)(int n) { return n > 1 ? n : 1; }

/* The Fortran routines the rules call, declared as C programs declare them
   (and as the rules match them): without hidden string lengths, which BLAS
   routines do not read. */
void BLAS(gemv)(const char *, const int *, const int *, const T *, const T *, const int *,
                const T *, const int *, const T *, T *, const int *);
void BLAS(ger)(const int *, const int *, const T *, const T *, const int *, const T *,
               const int *, T *, const int *);
void BLAS(gemm)(const char *, const char *, const int *, const int *, const int *, const T *,
                const T *, const int *, const T *, const int *, const T *, T *, const int *);

static void R(gemv)(char tr, int m, int n, T alpha, const T *a, int lda, const T *x, int incx,
                    T beta, T *y, int incy) {
  BLAS(gemv)(&tr, &m, &n, &alpha, a, &lda, x, &incx, &beta, y, &incy);
}

static void R(gemm)(char ta, char tb, int m, int n, int k, T alpha, const T *a, int lda,
                    const T *b, int ldb, T beta, T *c, int ldc) {
  BLAS(gemm)(&ta, &tb, &m, &n, &k, &alpha, a, &lda, b, &ldb, &beta, c, &ldc);
}

static char R(other)(char tr) { return tr == 'N' ? 'T' : 'N'; }

/* ---- dot: r = x . y ------------------------------------------------------- */

static T R(dot_tangent)(int n, const T *x, const T *dx, int incx, const T *y, const T *dy,
                        int incy) {
  return (dx ? R(dot)(n, dx, incx, y, incy) : 0) + (dy ? R(dot)(n, x, incx, dy, incy) : 0);
}

/* Tape: the copy of y (for dx) and of x (for dy). */
static void *R(dot_tape)(int n, const T *x, const T *dx, int incx, const T *y, const T *dy,
                         int incy) {
  T *t = malloc(sizeof(T) * (2 * (size_t)n + 1)), *at = t;
  if (dx)
    R(keep)(&at, n, y, incy);
  if (dy)
    R(keep)(&at, n, x, incx);
  return t;
}

static void R(dot_reverse)(int n, T *dx, int incx, T *dy, int incy, T dr, void *tape) {
  T *at = tape;
  if (dx) {
    R(add)(n, dr, at, 1, dx, incx);
    at += n;
  }
  if (dy)
    R(add)(n, dr, at, 1, dy, incy);
  free(tape);
}

/* ---- nrm2: r = |x| -------------------------------------------------------- */

/* As BLAS defines them, nrm2 and scal do nothing with a stride below 1. */
static T R(nrm2_tangent)(int n, const T *x, const T *dx, int incx) {
  if (!dx || incx < 1)
    return 0;
  T r = 0, s = R(dot)(n, x, incx, dx, incx);
  for (int i = 0; i < n; ++i)
    r += x[R(at)(i, n, incx)] * x[R(at)(i, n, incx)];
  r = sizeof(T) == sizeof(float) ? sqrtf(r) : sqrt(r);
  return r == 0 ? 0 : s / r;
}

/* Tape: the norm, then the copy of x. */
static void *R(nrm2_tape)(int n, const T *x, const T *dx, int incx, T r) {
  T *t = malloc(sizeof(T) * ((size_t)n + 1)), *at = t + 1;
  t[0] = r;
  if (dx)
    R(keep)(&at, n, x, incx);
  return t;
}

static void R(nrm2_reverse)(int n, T *dx, int incx, T dr, void *tape) {
  T *t = tape;
  if (dx && t[0] != 0 && incx >= 1)
    R(add)(n, dr / t[0], t + 1, 1, dx, incx);
  free(tape);
}

/* ---- axpy: y += alpha x --------------------------------------------------- */

static void R(axpy_tangent)(const char *name, int n, T alpha, T dalpha, const T *x,
                            const T *dx, int incx, T *dy, int incy) {
  if (!dy) {
    if (dx || dalpha != 0)
      adjoint_blas_lost(name, "y");
    return;
  }
  if (dalpha != 0)
    R(add)(n, dalpha, x, incx, dy, incy);
  if (dx)
    R(add)(n, alpha, dx, incx, dy, incy);
}

/* Tape: the copy of x (for alpha's adjoint). */
static void *R(axpy_tape)(const char *name, int n, const T *x, const T *dx, int incx, T *dy,
                          int active_alpha) {
  if (!dy && (dx || active_alpha))
    adjoint_blas_lost(name, "y");
  T *t = malloc(sizeof(T) * ((size_t)n + 1)), *at = t;
  if (active_alpha)
    R(keep)(&at, n, x, incx);
  return t;
}

static T R(axpy_reverse)(int n, T alpha, T *dx, int incx, T *dy, int incy, int active_alpha,
                         void *tape) {
  T da = 0;
  if (dy && active_alpha)
    da = R(dot)(n, dy, incy, tape, 1);
  if (dy && dx)
    R(add)(n, alpha, dy, incy, dx, incx);
  free(tape);
  return da;
}

/* ---- scal: x = alpha x ---------------------------------------------------- */

static void R(scal_tangent)(const char *name, int n, T alpha, T dalpha, const T *x, T *dx,
                            int incx) {
  if (incx < 1)
    return;
  if (!dx) {
    if (dalpha != 0)
      adjoint_blas_lost(name, "x");
    return;
  }
  R(scale)(n, alpha, dx, incx);
  if (dalpha != 0)
    R(add)(n, dalpha, x, incx, dx, incx);
}

/* Tape: the copy of x before scaling (for alpha's adjoint). */
static void *R(scal_tape)(const char *name, int n, const T *x, T *dx, int incx,
                          int active_alpha) {
  if (!dx && active_alpha && incx >= 1)
    adjoint_blas_lost(name, "x");
  T *t = malloc(sizeof(T) * ((size_t)n + 1)), *at = t;
  if (active_alpha && incx >= 1)
    R(keep)(&at, n, x, incx);
  return t;
}

static T R(scal_reverse)(int n, T alpha, T *dx, int incx, int active_alpha, void *tape) {
  T da = 0;
  if (incx < 1)
    dx = 0; /* x was not scaled */
  if (dx && active_alpha)
    da = R(dot)(n, dx, incx, tape, 1);
  if (dx)
    R(scale)(n, alpha, dx, incx);
  free(tape);
  return da;
}

/* ---- gemv: y = alpha op(A) x + beta y, column-major, A m x n -------------- */

static void R(gemv_tangent)(const char *name, char tr, int m, int n, T alpha, T dalpha,
                            const T *a, const T *da, int lda, const T *x, const T *dx, int incx,
                            T beta, T dbeta, const T *y, T *dy, int incy) {
  int leny = tr == 'N' ? m : n;
  if (!dy) {
    if (da || dx || dalpha != 0 || dbeta != 0)
      adjoint_blas_lost(name, "y");
    return;
  }
  /* dy = beta dy + dbeta y + alpha op(dA) x + alpha op(A) dx + dalpha op(A) x;
     BLAS's beta = 0 means y is not read, so neither is dy. */
  T s = beta;
  if (dbeta != 0 && beta != 0) {
    R(scale)(leny, beta, dy, incy);
    R(add)(leny, dbeta, y, incy, dy, incy);
    s = 1;
  }
  if (dx) {
    R(gemv)(tr, m, n, alpha, a, lda, dx, incx, s, dy, incy);
    s = 1;
  }
  if (da) {
    R(gemv)(tr, m, n, alpha, da, lda, x, incx, s, dy, incy);
    s = 1;
  }
  if (dalpha != 0) {
    R(gemv)(tr, m, n, dalpha, a, lda, x, incx, s, dy, incy);
    s = 1;
  }
  if (s != 1)
    R(scale)(leny, s, dy, incy);
}

struct R(gemv_tape) {
  T *a, *x, *u, *y;
  T data[];
};

static void *R(gemv_tape)(const char *name, char tr, int m, int n, const T *a, const T *da,
                          int lda, const T *x, const T *dx, int incx, T beta, const T *y,
                          T *dy, int incy, int active_alpha, int active_beta) {
  int leny = tr == 'N' ? m : n, lenx = tr == 'N' ? n : m;
  if (!dy && (da || dx || active_alpha || active_beta))
    adjoint_blas_lost(name, "y");
  size_t size = (dx ? (size_t)m * n : 0) + (da ? lenx : 0) + (active_alpha ? leny : 0) +
                (active_beta ? leny : 0);
  struct R(gemv_tape) *t = calloc(1, sizeof *t + sizeof(T) * size);
  T *at = t->data;
  if (dx)
    t->a = R(keepm)(&at, m, n, a, lda);
  if (da)
    t->x = R(keep)(&at, lenx, x, incx);
  if (active_alpha) { /* u = op(A) x */
    t->u = at;
    at += leny;
    R(gemv)(tr, m, n, 1, a, lda, x, incx, 0, t->u, 1);
  }
  if (active_beta && beta != 0)
    t->y = R(keep)(&at, leny, y, incy);
  return t;
}

/* Adds the adjoints into dA and dx, returns those of alpha and beta in
   *dalpha and *dbeta, and scales dy by beta. */
static void R(gemv_reverse)(char tr, int m, int n, T alpha, T *da, int lda, T *dx, int incx,
                            T beta, T *dy, int incy, void *tape, T *dalpha, T *dbeta) {
  struct R(gemv_tape) *t = tape;
  int leny = tr == 'N' ? m : n;
  *dalpha = *dbeta = 0;
  if (dy) {
    if (t->u)
      *dalpha = R(dot)(leny, dy, incy, t->u, 1);
    if (t->y)
      *dbeta = R(dot)(leny, dy, incy, t->y, 1);
    if (da && m > 0 && n > 0) {
      if (tr == 'N')
        BLAS(ger)(&m, &n, &alpha, dy, &incy, t->x, &(int){1}, da, &lda);
      else
        BLAS(ger)(&m, &n, &alpha, t->x, &(int){1}, dy, &incy, da, &lda);
    }
    if (dx)
      R(gemv)(R(other)(tr), m, n, alpha, t->a, R(max1)(m), dy, incy, 1, dx, incx);
    R(scale)(leny, beta, dy, incy);
  }
  free(tape);
}

/* ---- gemm: C = alpha op(A) op(B) + beta C, column-major, C m x n ---------- */

static void R(gemm_tangent)(const char *name, char ta, char tb, int m, int n, int k, T alpha,
                            T dalpha, const T *a, const T *da, int lda, const T *b, const T *db,
                            int ldb, T beta, T dbeta, const T *c, T *dc, int ldc) {
  if (!dc) {
    if (da || db || dalpha != 0 || dbeta != 0)
      adjoint_blas_lost(name, "C");
    return;
  }
  T s = beta;
  if (dbeta != 0 && beta != 0) {
    R(scalem)(m, n, beta, dc, ldc);
    R(addm)(m, n, dbeta, c, ldc, dc, ldc);
    s = 1;
  }
  if (da) {
    R(gemm)(ta, tb, m, n, k, alpha, da, lda, b, ldb, s, dc, ldc);
    s = 1;
  }
  if (db) {
    R(gemm)(ta, tb, m, n, k, alpha, a, lda, db, ldb, s, dc, ldc);
    s = 1;
  }
  if (dalpha != 0) {
    R(gemm)(ta, tb, m, n, k, dalpha, a, lda, b, ldb, s, dc, ldc);
    s = 1;
  }
  if (s != 1)
    R(scalem)(m, n, s, dc, ldc);
}

struct R(gemm_tape) {
  T *a, *b, *p, *c;
  T data[];
};

static void *R(gemm_tape)(const char *name, char ta, char tb, int m, int n, int k,
                          const T *a, const T *da, int lda, const T *b, const T *db, int ldb,
                          T beta, const T *c, T *dc, int ldc, int active_alpha,
                          int active_beta) {
  if (!dc && (da || db || active_alpha || active_beta))
    adjoint_blas_lost(name, "C");
  int arows = ta == 'N' ? m : k, acols = ta == 'N' ? k : m;
  int brows = tb == 'N' ? k : n, bcols = tb == 'N' ? n : k;
  size_t size = (db ? (size_t)arows * acols : 0) + (da ? (size_t)brows * bcols : 0) +
                (active_alpha ? (size_t)m * n : 0) + (active_beta ? (size_t)m * n : 0);
  struct R(gemm_tape) *t = calloc(1, sizeof *t + sizeof(T) * size);
  T *at = t->data;
  if (db)
    t->a = R(keepm)(&at, arows, acols, a, lda);
  if (da)
    t->b = R(keepm)(&at, brows, bcols, b, ldb);
  if (active_alpha) { /* P = op(A) op(B) */
    t->p = at;
    at += (size_t)m * n;
    R(gemm)(ta, tb, m, n, k, 1, a, lda, b, ldb, 0, t->p, R(max1)(m));
  }
  if (active_beta && beta != 0)
    t->c = R(keepm)(&at, m, n, c, ldc);
  return t;
}

static void R(gemm_reverse)(char ta, char tb, int m, int n, int k, T alpha, T *da, int lda,
                            T *db, int ldb, T beta, T *dc, int ldc, void *tape, T *dalpha,
                            T *dbeta) {
  struct R(gemm_tape) *t = tape;
  *dalpha = *dbeta = 0;
  if (dc) {
    if (t->p)
      *dalpha = R(dotm)(m, n, dc, ldc, t->p, R(max1)(m));
    if (t->c)
      *dbeta = R(dotm)(m, n, dc, ldc, t->c, R(max1)(m));
    int ldas = R(max1)(ta == 'N' ? m : k), ldbs = R(max1)(tb == 'N' ? k : n);
    /* d op(A) = alpha dC op(B)^T; d op(B) = alpha op(A)^T dC */
    if (da) {
      if (ta == 'N')
        R(gemm)('N', R(other)(tb), m, k, n, alpha, dc, ldc, t->b, ldbs, 1, da, lda);
      else
        R(gemm)(tb, 'T', k, m, n, alpha, t->b, ldbs, dc, ldc, 1, da, lda);
    }
    if (db) {
      if (tb == 'N')
        R(gemm)(R(other)(ta), 'N', k, n, m, alpha, t->a, ldas, dc, ldc, 1, db, ldb);
      else
        R(gemm)('T', ta, n, k, m, alpha, dc, ldc, t->a, ldas, 1, db, ldb);
    }
    R(scalem)(m, n, beta, dc, ldc);
  }
  free(tape);
}

#undef R
