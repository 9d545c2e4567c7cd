/* Math intrinsics clang does not emit from C even under -fno-math-errno,
 * declared by their IR names through asm labels so that the calls in the IR
 * are the intrinsics themselves: llvm.ldexp, llvm.exp10, llvm.maximum,
 * llvm.minimum, and (double only, where the C struct below comes back in
 * exactly the IR type {double, i32}) llvm.frexp. Include after a
 * configuration (config-*.h) and IR_T ("f64" or "f32"); brings rules.h. */
#ifndef DOT_PRODUCT_INTRINSICS_H
#define DOT_PRODUCT_INTRINSICS_H

#include "rules.h"

#define IR_NAME(base) "llvm." base "." IR_T

T ir_ldexp(T, int) __asm__("llvm.ldexp." IR_T ".i32");
T ir_exp10(T) __asm__(IR_NAME("exp10"));
T ir_maximum(T, T) __asm__(IR_NAME("maximum"));
T ir_minimum(T, T) __asm__(IR_NAME("minimum"));

INTARG(ir_ldexp, ir_ldexp(x, n), {0.75, -3}, {-3.2, 0}, {5, 4}, {1e-3, 10}, {-7, -1})
static T w_ir_exp10(T x) { return ir_exp10(x); }
UNARY_W(ir_exp10, TOL_DP, FD_H, -2.0, -0.3, 0.0, 0.7, 2.0)
static T w_ir_maximum(T x, T y) { return ir_maximum(x, y); }
BINARY_W(ir_maximum, TOL_DP, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25}, {-1e3, 4})
static T w_ir_minimum(T x, T y) { return ir_minimum(x, y); }
BINARY_W(ir_minimum, TOL_DP, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25}, {-1e3, 4})

#ifdef IR_FREXP_F64
struct ir_frexp_result {
  double m;
  int e;
};
struct ir_frexp_result ir_frexp(double) __asm__("llvm.frexp.f64.i32");
static T w_ir_frexp(T x) { return ir_frexp(x).m; }
UNARY_W(ir_frexp, TOL_DP, FD_H, 0.3, 0.7, 3.7, -5.5, 100.0, -0.01)
#endif

static void run_intrinsic_cases(void) {
  run_ir_ldexp();
  run_ir_exp10();
  run_ir_maximum();
  run_ir_minimum();
#ifdef IR_FREXP_F64
  run_ir_frexp();
#endif
}

#endif
