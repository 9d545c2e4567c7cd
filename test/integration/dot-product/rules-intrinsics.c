// Dot-product test between the two modes on the llvm.* math intrinsics in
// double: the cases of rules-double.c compiled with -fno-math-errno, so clang
// emits llvm.sin/llvm.pow/llvm.exp/... instead of libm calls (and frem for
// fmod), plus llvm.ldexp, llvm.exp10, llvm.maximum, llvm.minimum and
// llvm.frexp called by name (Inputs/intrinsics.h).
// RUN: %check-program %s -fno-math-errno
#include "Inputs/config-double.h"
#define IR_T "f64"
#define IR_FREXP_F64
#include "Inputs/intrinsics.h"

int main(void) {
  run_rules_cases();
  run_intrinsic_cases();
  return adj_report();
}
