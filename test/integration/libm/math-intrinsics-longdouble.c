// Forward mode through LLVM math intrinsics in long double (llvm.sin.f80,
// ...): the libm cases compiled with -fno-math-errno, plus llvm.ldexp.f80
// and llvm.exp10.f80 called by name (not llvm.minimum/maximum.f80, which the
// x86 backend of LLVM 19 cannot compile at all). Tolerances as in
// math-longdouble.c. Cases: Inputs/libm-cases.h, Inputs/intrinsic-cases.h.
// RUN: %check-program %s -fno-math-errno
#include "Inputs/config-longdouble.h"
#include "Inputs/libm-cases.h"
#define IR_NO_MINIMUM_MAXIMUM
#include "Inputs/intrinsic-cases.h"

int main(void) {
  run_libm_cases();
  run_intrinsic_cases();
  return adj_report();
}
