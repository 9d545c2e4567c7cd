// Forward mode through the libm functions in float called by name with
// -fno-builtin: clang and LLVM then leave every call as a plain libm call
// (fabs, floor, fmin, fma, copysign, ... included, which are otherwise
// always llvm.* intrinsics), so the rules are found by their libm names.
// Tolerances as in math-float.c. Cases: Inputs/libm-cases.h.
// RUN: %check-program %s -fno-builtin
#include "Inputs/config-float.h"
#include "Inputs/libm-cases.h"

int main(void) {
  run_libm_cases();
  return adj_report();
}
