/* The rules of blas-rules.h under the names of the routines, for one
 * precision (T, BLAS(name), CBLAS(name), P defined by blas-rules.c): for
 * each routine f, adjoint_blas_fwd_f (forward), adjoint_blas_aug_f
 * (augmented forward: runs f, returns the tape) and adjoint_blas_rev_f
 * (reverse), with the parameter lists of lib/Rules/LibraryRules.cpp. */

#define R(name) CAT(CAT(adjoint_blas_, P), CAT(_, name))
#define FWD(f) CAT(adjoint_blas_fwd_, f)
#define AUG(f) CAT(adjoint_blas_aug_, f)
#define REV(f) CAT(adjoint_blas_rev_, f)
#define ACTIVE(i) ((mask >> (i)) & 1)
#define STR(x) #x
#define NAME(f) STR(f)

typedef struct {
  void *tape;
  T result;
} R(tape_and_result);

/* cblas's row-major matrices are column-major transposes. */
static char R(trans)(int order, int trans) {
  int none = trans == CblasNoTrans;
  return (order == CblasRowMajor) == none ? 'T' : 'N';
}

static char R(ftrans)(const char *t) { return *t == 'N' || *t == 'n' ? 'N' : 'T'; }

static T R(tangent_of)(const T *d) { return d ? *d : 0; }

/* ---- cblas_ spellings ------------------------------------------------------ */

T CBLAS(dot)(int, const T *, int, const T *, int);
T CBLAS(nrm2)(int, const T *, int);
void CBLAS(axpy)(int, T, const T *, int, T *, int);
void CBLAS(scal)(int, T, T *, int);
void CBLAS(gemv)(int, int, int, int, T, const T *, int, const T *, int, T, T *, int);
void CBLAS(gemm)(int, int, int, int, int, int, T, const T *, int, const T *, int, T, T *, int);

T FWD(CBLAS(dot))(int n, const T *x, const T *dx, int incx, const T *y, const T *dy, int incy) {
  return R(dot_tangent)(n, x, dx, incx, y, dy, incy);
}
R(tape_and_result) AUG(CBLAS(dot))(int n, const T *x, const T *dx, int incx, const T *y,
                                   const T *dy, int incy, uint64_t mask) {
  void *t = R(dot_tape)(n, x, dx, incx, y, dy, incy);
  return (R(tape_and_result)){t, CBLAS(dot)(n, x, incx, y, incy)};
}
void REV(CBLAS(dot))(int n, const T *x, T *dx, int incx, const T *y, T *dy, int incy, T dr,
                     void *tape, uint64_t mask) {
  R(dot_reverse)(n, dx, incx, dy, incy, dr, tape);
}

T FWD(CBLAS(nrm2))(int n, const T *x, const T *dx, int incx) {
  return R(nrm2_tangent)(n, x, dx, incx);
}
R(tape_and_result) AUG(CBLAS(nrm2))(int n, const T *x, const T *dx, int incx, uint64_t mask) {
  T r = CBLAS(nrm2)(n, x, incx);
  return (R(tape_and_result)){R(nrm2_tape)(n, x, dx, incx, r), r};
}
void REV(CBLAS(nrm2))(int n, const T *x, T *dx, int incx, T dr, void *tape, uint64_t mask) {
  R(nrm2_reverse)(n, dx, incx, dr, tape);
}

void FWD(CBLAS(axpy))(int n, T alpha, T dalpha, const T *x, const T *dx, int incx, T *y, T *dy,
                      int incy) {
  R(axpy_tangent)(NAME(CBLAS(axpy)), n, alpha, dalpha, x, dx, incx, dy, incy);
}
void *AUG(CBLAS(axpy))(int n, T alpha, const T *x, const T *dx, int incx, T *y, T *dy, int incy,
                       uint64_t mask) {
  void *t = R(axpy_tape)(NAME(CBLAS(axpy)), n, x, dx, incx, dy, ACTIVE(1));
  CBLAS(axpy)(n, alpha, x, incx, y, incy);
  return t;
}
T REV(CBLAS(axpy))(int n, T alpha, const T *x, T *dx, int incx, T *y, T *dy, int incy,
                   void *tape, uint64_t mask) {
  return R(axpy_reverse)(n, alpha, dx, incx, dy, incy, ACTIVE(1), tape);
}

void FWD(CBLAS(scal))(int n, T alpha, T dalpha, T *x, T *dx, int incx) {
  R(scal_tangent)(NAME(CBLAS(scal)), n, alpha, dalpha, x, dx, incx);
}
void *AUG(CBLAS(scal))(int n, T alpha, T *x, T *dx, int incx, uint64_t mask) {
  void *t = R(scal_tape)(NAME(CBLAS(scal)), n, x, dx, incx, ACTIVE(1));
  CBLAS(scal)(n, alpha, x, incx);
  return t;
}
T REV(CBLAS(scal))(int n, T alpha, T *x, T *dx, int incx, void *tape, uint64_t mask) {
  return R(scal_reverse)(n, alpha, dx, incx, ACTIVE(1), tape);
}

/* A row-major m x n matrix is the column-major n x m one. */
#define GEMV_DIMS(order, m, n) ((order) == CblasRowMajor ? (n) : (m)), \
                               ((order) == CblasRowMajor ? (m) : (n))

void FWD(CBLAS(gemv))(int order, int trans, int m, int n, T alpha, T dalpha, const T *a,
                      const T *da, int lda, const T *x, const T *dx, int incx, T beta, T dbeta,
                      T *y, T *dy, int incy) {
  R(gemv_tangent)(NAME(CBLAS(gemv)), R(trans)(order, trans), GEMV_DIMS(order, m, n), alpha,
                  dalpha, a, da, lda, x, dx, incx, beta, dbeta, y, dy, incy);
}
void *AUG(CBLAS(gemv))(int order, int trans, int m, int n, T alpha, const T *a, const T *da,
                       int lda, const T *x, const T *dx, int incx, T beta, T *y, T *dy,
                       int incy, uint64_t mask) {
  void *t = R(gemv_tape)(NAME(CBLAS(gemv)), R(trans)(order, trans), GEMV_DIMS(order, m, n), a,
                         da, lda, x, dx, incx, beta, y, dy, incy, ACTIVE(4), ACTIVE(9));
  CBLAS(gemv)(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
  return t;
}
typedef struct {
  T alpha, beta;
} R(two_adjoints);
R(two_adjoints) REV(CBLAS(gemv))(int order, int trans, int m, int n, T alpha, const T *a,
                                 T *da, int lda, const T *x, T *dx, int incx, T beta, T *y,
                                 T *dy, int incy, void *tape, uint64_t mask) {
  R(two_adjoints) r;
  R(gemv_reverse)(R(trans)(order, trans), GEMV_DIMS(order, m, n), alpha, da, lda, dx, incx,
                  beta, dy, incy, tape, &r.alpha, &r.beta);
  return r;
}

/* Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T. */
#define GEMM_ARGS(order, ta, tb, m, n, k)                                                   \
  (order) == CblasRowMajor ? R(trans)(CblasColMajor, tb) : R(trans)(CblasColMajor, ta),        \
      (order) == CblasRowMajor ? R(trans)(CblasColMajor, ta) : R(trans)(CblasColMajor, tb),    \
      (order) == CblasRowMajor ? (n) : (m), (order) == CblasRowMajor ? (m) : (n), k

void FWD(CBLAS(gemm))(int order, int ta, int tb, int m, int n, int k, T alpha, T dalpha,
                      const T *a, const T *da, int lda, const T *b, const T *db, int ldb,
                      T beta, T dbeta, T *c, T *dc, int ldc) {
  if (order == CblasRowMajor)
    R(gemm_tangent)(NAME(CBLAS(gemm)), GEMM_ARGS(order, ta, tb, m, n, k), alpha, dalpha, b, db,
                    ldb, a, da, lda, beta, dbeta, c, dc, ldc);
  else
    R(gemm_tangent)(NAME(CBLAS(gemm)), GEMM_ARGS(order, ta, tb, m, n, k), alpha, dalpha, a, da,
                    lda, b, db, ldb, beta, dbeta, c, dc, ldc);
}
void *AUG(CBLAS(gemm))(int order, int ta, int tb, int m, int n, int k, T alpha, const T *a,
                       const T *da, int lda, const T *b, const T *db, int ldb, T beta, T *c,
                       T *dc, int ldc, uint64_t mask) {
  void *t = order == CblasRowMajor
                ? R(gemm_tape)(NAME(CBLAS(gemm)), GEMM_ARGS(order, ta, tb, m, n, k), b, db, ldb,
                               a, da, lda, beta, c, dc, ldc, ACTIVE(6), ACTIVE(11))
                : R(gemm_tape)(NAME(CBLAS(gemm)), GEMM_ARGS(order, ta, tb, m, n, k), a, da, lda,
                               b, db, ldb, beta, c, dc, ldc, ACTIVE(6), ACTIVE(11));
  CBLAS(gemm)(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  return t;
}
R(two_adjoints) REV(CBLAS(gemm))(int order, int ta, int tb, int m, int n, int k, T alpha,
                                 const T *a, T *da, int lda, const T *b, T *db, int ldb, T beta,
                                 T *c, T *dc, int ldc, void *tape, uint64_t mask) {
  R(two_adjoints) r;
  if (order == CblasRowMajor)
    R(gemm_reverse)(GEMM_ARGS(order, ta, tb, m, n, k), alpha, db, ldb, da, lda, beta, dc, ldc,
                    tape, &r.alpha, &r.beta);
  else
    R(gemm_reverse)(GEMM_ARGS(order, ta, tb, m, n, k), alpha, da, lda, db, ldb, beta, dc, ldc,
                    tape, &r.alpha, &r.beta);
  return r;
}

/* ---- Fortran spellings: every argument by reference ---------------------- */

/* The reverse rules do not read what the arguments point to: the caller may
 * have changed it since (a dimension variable reused), or, split, it may be
 * gone (a local of the augmented function). The augmented rules keep the
 * scalar arguments beside the tape. */
typedef struct {
  char ta, tb;
  int m, n, k, lda, ldb, ldc, incx, incy;
  T alpha, beta;
  void *tape;
} R(args);

static R(args) *R(keep_args)(R(args) a, void *tape) {
  R(args) *t = malloc(sizeof *t);
  *t = a;
  t->tape = tape;
  return t;
}

T BLAS(dot)(const int *, const T *, const int *, const T *, const int *);
T BLAS(nrm2)(const int *, const T *, const int *);
void BLAS(axpy)(const int *, const T *, const T *, const int *, T *, const int *);
void BLAS(scal)(const int *, const T *, T *, const int *);

#define I const int *n, const int *dn_

T FWD(BLAS(dot))(I, const T *x, const T *dx, const int *incx, const int *d1, const T *y,
                 const T *dy, const int *incy, const int *d2) {
  return R(dot_tangent)(*n, x, dx, *incx, y, dy, *incy);
}
R(tape_and_result) AUG(BLAS(dot))(I, const T *x, const T *dx, const int *incx, const int *d1,
                                  const T *y, const T *dy, const int *incy, const int *d2,
                                  uint64_t mask) {
  R(args) a = {.n = *n, .incx = *incx, .incy = *incy};
  void *t = R(keep_args)(a, R(dot_tape)(*n, x, dx, *incx, y, dy, *incy));
  return (R(tape_and_result)){t, BLAS(dot)(n, x, incx, y, incy)};
}
void REV(BLAS(dot))(I, const T *x, T *dx, const int *incx, const int *d1, const T *y, T *dy,
                    const int *incy, const int *d2, T dr, void *tape, uint64_t mask) {
  R(args) *a = tape;
  R(dot_reverse)(a->n, dx, a->incx, dy, a->incy, dr, a->tape);
  free(a);
}

T FWD(BLAS(nrm2))(I, const T *x, const T *dx, const int *incx, const int *d1) {
  return R(nrm2_tangent)(*n, x, dx, *incx);
}
R(tape_and_result) AUG(BLAS(nrm2))(I, const T *x, const T *dx, const int *incx, const int *d1,
                                   uint64_t mask) {
  T r = BLAS(nrm2)(n, x, incx);
  R(args) a = {.n = *n, .incx = *incx};
  return (R(tape_and_result)){R(keep_args)(a, R(nrm2_tape)(*n, x, dx, *incx, r)), r};
}
void REV(BLAS(nrm2))(I, const T *x, T *dx, const int *incx, const int *d1, T dr, void *tape,
                     uint64_t mask) {
  R(args) *a = tape;
  R(nrm2_reverse)(a->n, dx, a->incx, dr, a->tape);
  free(a);
}

void FWD(BLAS(axpy))(I, const T *alpha, const T *dalpha, const T *x, const T *dx,
                     const int *incx, const int *d1, T *y, T *dy, const int *incy,
                     const int *d2) {
  R(axpy_tangent)(NAME(BLAS(axpy)), *n, *alpha, R(tangent_of)(dalpha), x, dx, *incx, dy, *incy);
}
void *AUG(BLAS(axpy))(I, const T *alpha, const T *dalpha, const T *x, const T *dx,
                      const int *incx, const int *d1, T *y, T *dy, const int *incy,
                      const int *d2, uint64_t mask) {
  R(args) a = {.n = *n, .incx = *incx, .incy = *incy, .alpha = *alpha};
  void *t = R(keep_args)(a, R(axpy_tape)(NAME(BLAS(axpy)), *n, x, dx, *incx, dy, dalpha != 0));
  BLAS(axpy)(n, alpha, x, incx, y, incy);
  return t;
}
void REV(BLAS(axpy))(I, const T *alpha, T *dalpha, const T *x, T *dx, const int *incx,
                     const int *d1, T *y, T *dy, const int *incy, const int *d2, void *tape,
                     uint64_t mask) {
  R(args) *a = tape;
  T da = R(axpy_reverse)(a->n, a->alpha, dx, a->incx, dy, a->incy, dalpha != 0, a->tape);
  if (dalpha)
    *dalpha += da;
  free(a);
}

void FWD(BLAS(scal))(I, const T *alpha, const T *dalpha, T *x, T *dx, const int *incx,
                     const int *d1) {
  R(scal_tangent)(NAME(BLAS(scal)), *n, *alpha, R(tangent_of)(dalpha), x, dx, *incx);
}
void *AUG(BLAS(scal))(I, const T *alpha, const T *dalpha, T *x, T *dx, const int *incx,
                      const int *d1, uint64_t mask) {
  R(args) a = {.n = *n, .incx = *incx, .alpha = *alpha};
  void *t = R(keep_args)(a, R(scal_tape)(NAME(BLAS(scal)), *n, x, dx, *incx, dalpha != 0));
  BLAS(scal)(n, alpha, x, incx);
  return t;
}
void REV(BLAS(scal))(I, const T *alpha, T *dalpha, T *x, T *dx, const int *incx, const int *d1,
                     void *tape, uint64_t mask) {
  R(args) *a = tape;
  T da = R(scal_reverse)(a->n, a->alpha, dx, a->incx, dalpha != 0, a->tape);
  if (dalpha)
    *dalpha += da;
  free(a);
}
#undef I

#define GEMV_F                                                                               \
  const char *tr, const char *d0, const int *m, const int *d1, const int *n, const int *d2,  \
      const T *alpha, const T *dalpha, const T *a, const T *da, const int *lda,              \
      const int *d3, const T *x, const T *dx, const int *incx, const int *d4, const T *beta, \
      const T *dbeta, T *y, T *dy, const int *incy, const int *d5

void FWD(BLAS(gemv))(GEMV_F) {
  R(gemv_tangent)(NAME(BLAS(gemv)), R(ftrans)(tr), *m, *n, *alpha, R(tangent_of)(dalpha), a, da,
                  *lda, x, dx, *incx, *beta, R(tangent_of)(dbeta), y, dy, *incy);
}
void *AUG(BLAS(gemv))(GEMV_F, uint64_t mask) {
  R(args) k = {.ta = R(ftrans)(tr), .m = *m, .n = *n, .lda = *lda, .incx = *incx,
               .incy = *incy, .alpha = *alpha, .beta = *beta};
  void *t = R(keep_args)(k, R(gemv_tape)(NAME(BLAS(gemv)), k.ta, *m, *n, a, da, *lda, x, dx,
                                         *incx, *beta, y, dy, *incy, dalpha != 0, dbeta != 0));
  BLAS(gemv)(tr, m, n, alpha, a, lda, x, incx, beta, y, incy);
  return t;
}
void REV(BLAS(gemv))(GEMV_F, void *tape, uint64_t mask) {
  R(args) *k = tape;
  T ga, gb;
  R(gemv_reverse)(k->ta, k->m, k->n, k->alpha, (T *)da, k->lda, (T *)dx, k->incx, k->beta, dy,
                  k->incy, k->tape, &ga, &gb);
  if (dalpha)
    *(T *)dalpha += ga;
  if (dbeta)
    *(T *)dbeta += gb;
  free(k);
}
#undef GEMV_F

#define GEMM_F                                                                              \
  const char *ta, const char *d0, const char *tb, const char *d1, const int *m,             \
      const int *d2, const int *n, const int *d3, const int *k, const int *d4,              \
      const T *alpha, const T *dalpha, const T *a, const T *da, const int *lda,             \
      const int *d5, const T *b, const T *db, const int *ldb, const int *d6, const T *beta, \
      const T *dbeta, T *c, T *dc, const int *ldc, const int *d7

void FWD(BLAS(gemm))(GEMM_F) {
  R(gemm_tangent)(NAME(BLAS(gemm)), R(ftrans)(ta), R(ftrans)(tb), *m, *n, *k, *alpha,
                  R(tangent_of)(dalpha), a, da, *lda, b, db, *ldb, *beta, R(tangent_of)(dbeta),
                  c, dc, *ldc);
}
void *AUG(BLAS(gemm))(GEMM_F, uint64_t mask) {
  R(args) s = {.ta = R(ftrans)(ta), .tb = R(ftrans)(tb), .m = *m, .n = *n, .k = *k,
               .lda = *lda, .ldb = *ldb, .ldc = *ldc, .alpha = *alpha, .beta = *beta};
  void *t = R(keep_args)(s, R(gemm_tape)(NAME(BLAS(gemm)), s.ta, s.tb, *m, *n, *k, a, da, *lda,
                                         b, db, *ldb, *beta, c, dc, *ldc, dalpha != 0,
                                         dbeta != 0));
  BLAS(gemm)(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  return t;
}
void REV(BLAS(gemm))(GEMM_F, void *tape, uint64_t mask) {
  R(args) *s = tape;
  T ga, gb;
  R(gemm_reverse)(s->ta, s->tb, s->m, s->n, s->k, s->alpha, (T *)da, s->lda, (T *)db, s->ldb,
                  s->beta, dc, s->ldc, s->tape, &ga, &gb);
  if (dalpha)
    *(T *)dalpha += ga;
  if (dbeta)
    *(T *)dbeta += gb;
  free(s);
}
#undef GEMM_F

#undef R
#undef FWD
#undef AUG
#undef REV
#undef ACTIVE
#undef NAME
#undef STR
