// Forward mode through LLVM math intrinsics in float (llvm.sin.f32, ...):
// the libm cases compiled with -fno-math-errno, plus llvm.ldexp.f32,
// llvm.exp10.f32, llvm.maximum.f32 and llvm.minimum.f32 called by
// name. Tolerances as in math-float.c. Cases:
// Inputs/libm-cases.h, Inputs/intrinsic-cases.h.
// RUN: %check-program %s -fno-math-errno
#include "Inputs/config-float.h"
#include "Inputs/libm-cases.h"
#include "Inputs/intrinsic-cases.h"

int main(void) {
  run_libm_cases();
  run_intrinsic_cases();
  return adj_report();
}
