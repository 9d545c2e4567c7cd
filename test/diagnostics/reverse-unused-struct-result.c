// An unused request result is fine whatever its declared type (see
// result-type-mismatch.c), at every -O level. At -O0 clang stores a
// discarded struct result ({ double, double } in registers) into a
// temporary that nothing reads, so the call has uses even though the
// program never reads them; those must not count as a use of the result.
// The file must compile at -O0 as it does at -O2.
// RUN: %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// CHECK-NOT: PLEASE submit a bug report
#include <adjoint/enzyme.h>

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff_d2(void *, ...);

static double mul(double x, double y) { return x * y; }

// One active argument, a struct declared: wrong if the result were used.
void unused(double x, double y) { __enzyme_autodiff_d2((void *)mul, x, enzyme_const, y); }
void unused_void_cast(double x, double y) {
  (void)__enzyme_autodiff_d2((void *)mul, enzyme_const, x, y);
}
