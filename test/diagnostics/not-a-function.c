// The first argument must be a function defined in this translation unit,
// passed directly: not a function pointer read at run time, not a function
// that is only declared here.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

double (*chosen)(double); // set at run time
extern double elsewhere(double);

double through_pointer(double x) {
  // CHECK-DAG: not-a-function.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the first argument of __enzyme_fwddiff must name a function defined in this translation unit (pass it directly, e.g. `(void *)f`; a function pointer computed at run time cannot be resolved){{$}}
  return __enzyme_fwddiff((void *)chosen, x, 1.0);
}

double declared_only(double x) {
  // CHECK-DAG: not-a-function.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the first argument of __enzyme_fwddiff must name a function defined in this translation unit (pass it directly, e.g. `(void *)f`; a function pointer computed at run time cannot be resolved); 'elsewhere' is only declared
  return __enzyme_fwddiff((void *)elsewhere, x, 1.0);
}
// CHECK: 2 errors generated.
