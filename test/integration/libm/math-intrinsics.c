// Forward mode through LLVM math intrinsics in double: the libm cases compiled
// with -fno-math-errno, so clang emits llvm.sin/llvm.pow/llvm.exp/llvm.asin/
// ... instead of libm calls (intrinsics-present.c checks that it does) and
// fmod becomes frem; plus llvm.ldexp, llvm.frexp, llvm.exp10,
// llvm.maximum and llvm.minimum called by name. Tolerances as in
// math-double.c. Cases: Inputs/libm-cases.h, Inputs/intrinsic-cases.h.
// RUN: %check-program %s -fno-math-errno
#include "Inputs/config-double.h"
#include "Inputs/libm-cases.h"
#define IR_FREXP_F64
#include "Inputs/intrinsic-cases.h"

int main(void) {
  run_libm_cases();
  run_intrinsic_cases();
  return adj_report();
}
