// Forward mode through every libm function in double: sin, pow, lgamma, ...
// called by name (clang keeps them as libm calls under the default
// -fmath-errno; fabs, floor, fmin, fma, copysign, ... it always emits as
// llvm.* intrinsics). Each function is checked at several points against
// its analytic derivative (1e-12 relative) and a central finite difference
// (1e-6); every argument of multi-argument functions. Cases: Inputs/libm-cases.h.
// RUN: %check-program %s
#include "Inputs/config-double.h"
#include "Inputs/libm-cases.h"

int main(void) {
  run_libm_cases();
  return adj_report();
}
