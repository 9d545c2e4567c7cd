// The -enzyme-* options that Enzyme's users pass are accepted: the ones with
// an Adjoint counterpart are its aliases, the others have no effect and say
// so in a note (the derivative is built as usual).
// RUN: %adjoint-cc -O2 -mllvm -enzyme-loose-types -mllvm -enzyme-inline -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOTE
// NOTE: adjoint: note: -enzyme-loose-types is accepted for Enzyme's users and has no effect
// NOTE: adjoint: note: -enzyme-inline is accepted
// RUN: %adjoint-cc -O2 -mllvm -enzyme-print-perf -c %s -o %t.o | FileCheck %s --check-prefix=PERF
// PERF: adjoint: perf: 1 request(s) served in
// RUN: %adjoint-cc -O2 -mllvm -enzyme-print -c %s -o %t.o | FileCheck %s --check-prefix=PRINT
// PRINT: define {{.*}}@fwddiff.f
#include <adjoint/enzyme.h>

static double f(double x) { return x * x; }
double df(double x) { return __enzyme_fwddiff((void *)f, x, 1.0); }
