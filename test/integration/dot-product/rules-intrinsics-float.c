// Dot-product test between the two modes on the llvm.* math intrinsics in
// float: the cases of rules-float.c compiled with -fno-math-errno (llvm.sin.f32,
// llvm.pow.f32, ...), plus llvm.ldexp, llvm.exp10, llvm.maximum and
// llvm.minimum called by name (Inputs/intrinsics.h).
// RUN: %check-program %s -fno-math-errno
#include "Inputs/config-float.h"
#define IR_T "f32"
#include "Inputs/intrinsics.h"

int main(void) {
  run_rules_cases();
  run_intrinsic_cases();
  return adj_report();
}
