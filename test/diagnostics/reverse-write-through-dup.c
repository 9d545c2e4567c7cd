// Reverse mode in this version reads memory through duplicated pointers
// but does not differentiate writes to memory: a store through a
// duplicated pointer (of an active value or a constant) and a memcpy into
// one are reported at the write, with the function the request reached it
// from. A store to memory without a shadow of a value without a derivative
// (a call counter) is fine.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <string.h>

static double scale(double *out, const double *in, double k) {
  // CHECK-DAG: reverse-write-through-dup.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode does not differentiate writes to memory yet; keep the computation in values, or use forward mode (__enzyme_fwddiff) (reached from scale, for the request at {{.*}}reverse-write-through-dup.c:[[@LINE+6]])
  out[0] = in[0] * k;
  return out[0];
}

double grad_scale(double *out, double *dout, double *in, double *din, double k) {
  return __enzyme_autodiff((void *)scale, enzyme_dup, out, dout, enzyme_dup, in, din,
                           enzyme_const, k);
}

// Overwriting an input with a constant: its adjoint would have to be reset.
static double sum_then_clear(double *v) {
  double s = v[0] + v[1];
  // CHECK-DAG: reverse-write-through-dup.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode does not differentiate writes to memory yet; keep the computation in values, or use forward mode (__enzyme_fwddiff) (reached from sum_then_clear, for the request at
  v[0] = 0.0;
  return s;
}

double grad_clear(double *v, double *dv) { return __enzyme_autodiff((void *)sum_then_clear, v, dv); }

static double copy_first(double *dst, const double *src, int n) {
  // CHECK-DAG: reverse-write-through-dup.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode does not differentiate writes to memory yet (memcpy, memset) (reached from copy_first, for the request at
  memcpy(dst, src, n * sizeof(double));
  return dst[0];
}

double grad_copy(double *d, double *dd, double *s, double *ds, int n) {
  return __enzyme_autodiff((void *)copy_first, d, dd, s, ds, enzyme_const, n);
}

// Fine: the counter is neither shadowed nor active.
static int Calls;
static double counted(const double *x) {
  ++Calls;
  return x[0] * x[1];
}

void grad_counted(double *x, double *dx) { __enzyme_autodiff((void *)counted, x, dx); }
// CHECK: 3 errors generated.
