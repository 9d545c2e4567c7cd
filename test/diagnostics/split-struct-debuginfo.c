// A struct passed by value that the x86-64 C ABI splits over two registers looks, in the IR, like
// two parameters: a request would pair its halves with the wrong shadows. The drivers' front-end
// plugin reports it from the C types; without it (clang with only the pass plugin, opt, link-time
// optimization), debug info shows the split and the same error comes from the IR.
// RUN: not %clang -O2 -g -I%S/../../include -fpass-plugin=%plugin -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %clang -O0 -g -I%S/../../include -fpass-plugin=%plugin -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=FRONTEND
// A struct of 8 bytes is one register, and one of 24 bytes goes through memory: no split.
// RUN: %clang -O2 -g -I%S/../../include -fpass-plugin=%plugin -DNO_SPLIT -c %s -o %t.ok.o
#include <adjoint/enzyme.h>

typedef struct { double re, im; } Pair;
typedef struct { float a, b; } Small;
typedef struct { double a, b, c; } Big;

static double f(Pair p, Pair q) { return p.re * p.re * p.im * q.re + q.im; }
static double g(Small s, Big b, double t) { return s.a * s.b * b.a * b.c * t; }

#ifndef NO_SPLIT
double df(Pair p, Pair dp, Pair q, Pair dq) {
  // CHECK: split-struct-debuginfo.c:[[@LINE+2]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' is a struct passed by value ('Pair'), which the C ABI splits over two registers; a request cannot pair its parts with their shadows yet: pass it by pointer (with its shadow after it)
  // FRONTEND: split-struct-debuginfo.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' is a struct passed by value ('Pair'), which the C ABI splits over two registers
  return __enzyme_fwddiff((void *)f, p, dp, q, dq);
}
#endif
double dg(Small s, Big b, double t) {
  return __enzyme_fwddiff((void *)g, enzyme_const, s, enzyme_const, b, t, 1.0);
}
