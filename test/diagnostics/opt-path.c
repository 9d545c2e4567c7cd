// Errors are reported when the pass runs in opt on IR that clang produced
// without the plugin. Without debug info there is no line, but the message
// names the function that holds the request; with -g it has the line.
// opt stops at the first error, so the file holds one misuse.
// RUN: %clang -O2 -S -emit-llvm -I/work/main/include %s -o %t.ll
// RUN: not %opt-adjoint -passes=adjoint -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=NODEBUG --implicit-check-not=error:
// RUN: %clang -O2 -g -S -emit-llvm -I/work/main/include %s -o %t.g.ll
// RUN: not %opt-adjoint -passes=adjoint -disable-output %t.g.ll 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %opt-adjoint -passes=adjoint -disable-output %t.g.ll 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

double df(double x) {
  // NODEBUG: error: {{.*}}in function df {{.*}}: adjoint: too few arguments: 'f' takes 2 parameters but the request ends before argument 2
  // CHECK: error: {{.*}}opt-path.c:[[@LINE+1]]:{{[0-9]+}}: in function df {{.*}}: adjoint: too few arguments: 'f' takes 2 parameters
  return __enzyme_fwddiff((void *)f, x, 1.0);
}
