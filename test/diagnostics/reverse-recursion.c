// Reverse mode differentiates calls by inlining them, so a recursive callee
// is reported: once per callee, however many recursive calls there are
// (two in tree itself, three in uses_tree), at the first one. The message
// names the function as the user wrote it: compiled as C++ the same source
// gives demangled names ('tree(double, int)', not '_ZL4treedi').
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,C --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,C --implicit-check-not=error:
// RUN: not %adjoint-cxx -x c++ -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,CXX --implicit-check-not=error:
// RUN: not %adjoint-cxx -x c++ -O0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,CXX --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// RUN: not %adjoint-cxx -x c++ -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
// NOCRASH-NOT: _Z
#include <adjoint/enzyme.h>

// Two recursive calls per level: tail-call elimination cannot make it a loop.
static double tree(double x, int n) {
  if (n <= 1)
    return x;
  // C-DAG:   reverse-recursion.c:[[@LINE+2]]:{{[0-9]+}}: error: adjoint: reverse mode differentiates calls by inlining them, and 'tree' is recursive; recursion in reverse mode is not supported yet (reached from tree, for the request at {{.*}}reverse-recursion.c:[[@LINE+7]])
  // CXX-DAG: reverse-recursion.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode differentiates calls by inlining them, and 'tree(double, int)' is recursive; recursion in reverse mode is not supported yet (reached from tree(double, int), for the request at {{.*}}reverse-recursion.c:[[@LINE+6]])
  return tree(x, n - 1) * x + tree(x * 0.5, n - 2);
}

// The request for tree itself: its body calls tree twice.
double d_tree(double x) {
  return __enzyme_autodiff((void *)tree, x, enzyme_const, 5);
}

// C-DAG:   reverse-recursion.c:[[@LINE+2]]:{{[0-9]+}}: error: adjoint: reverse mode differentiates calls by inlining them, and 'tree' is recursive; recursion in reverse mode is not supported yet (reached from uses_tree, for the request at {{.*}}reverse-recursion.c:[[@LINE+3]])
// CXX-DAG: reverse-recursion.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode differentiates calls by inlining them, and 'tree(double, int)' is recursive; recursion in reverse mode is not supported yet (reached from uses_tree(double), for the request at {{.*}}reverse-recursion.c:[[@LINE+2]])
static double uses_tree(double x) { return tree(x, 5) + tree(x, 6) * tree(x, 7); }
double d_uses_tree(double x) { return __enzyme_autodiff((void *)uses_tree, x); }

// Forward mode differentiates recursion (through the tangent's memo).
double fwd_tree(double x) { return __enzyme_fwddiff((void *)tree, x, 1.0, 5); }
// CHECK: 2 errors generated.
