// Named shadows of globals that would corrupt memory or lose derivatives are reported (at the
// first request, since a table has no source line of its own): a shadow smaller than its
// global, a constant shadow, a global as its own shadow, one shadow for two globals, a row
// without a shadow, and a width-2 request through a global named with one lane only.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

double arr[4], small_shadow[2];
double k = 2.0;
const double const_shadow = 0;
double a = 1, b = 2, shared_shadow;
double self = 3;
double lonely = 4;
double lane = 5, lane_shadow;

__attribute__((used)) void *__enzyme_shadow_globals[][2] = {
    {arr, small_shadow},             {&k, (void *)&const_shadow}, {&self, &self},
    {&a, &shared_shadow},            {&b, &shared_shadow},        {&lonely, 0},
    {&lane, &lane_shadow},
};

static double f(double x) { return arr[0] * k * a * b * self * lonely * x; }
static double g(double x) { return lane * x; }

typedef struct { double d[2]; } D2;
D2 __enzyme_fwddiff_d2(void *, ...);

double df(double x) {
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+6]]:{{[0-9]+}}: error: adjoint: the shadow 'small_shadow' named for global 'arr' has 16 bytes, fewer than 'arr' (32): give the shadow the global's type
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+5]]:{{[0-9]+}}: error: adjoint: the shadow 'const_shadow' named for global 'k' is constant: derivatives are written into it, so declare it without const
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+4]]:{{[0-9]+}}: error: adjoint: global 'self' is named as its own shadow: name a separate global of the same type
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+3]]:{{[0-9]+}}: error: adjoint: 'shared_shadow' is named as the shadow of both 'a' and 'b': each global (and each lane) needs a shadow of its own
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+2]]:{{[0-9]+}}: error: adjoint: row 6 of '__enzyme_shadow_globals' must be {&global, &shadow, ...}: the global, then one shadow per lane
  // The first request carries the table's errors.
  return __enzyme_autodiff((void *)f, x);
}

D2 dg(double x) {
  // CHECK-DAG: global-shadow-invalid.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: global 'lane' has 1 named shadow(s), but this derivative needs one for lane 2: name one shadow per lane of enzyme_width ({&global, &shadow1, &shadow2, ...})
  return __enzyme_fwddiff_d2((void *)g, enzyme_width, 2, x, 1.0, 0.0);
}
// CHECK: 6 errors generated.
