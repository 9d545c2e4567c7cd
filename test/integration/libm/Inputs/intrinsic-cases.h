/* Math intrinsics clang does not emit from C even under -fno-math-errno
 * (llvm.ldexp, llvm.frexp, llvm.exp10, llvm.maximum, llvm.minimum): declared
 * by their IR names through asm labels, so the calls in the IR are the
 * intrinsics themselves. Include after libm-cases.h; needs IR_T ("f64", ...)
 * from the configuration. Define IR_FREXP_F64 to add llvm.frexp.f64 and
 * IR_NO_MINIMUM_MAXIMUM to leave out llvm.minimum/maximum (the x86 backend
 * of LLVM 19 cannot select them for x86_fp80, with or without the plugin). */
#ifndef INTRINSIC_CASES_H
#define INTRINSIC_CASES_H

#define IR_NAME(base) "llvm." base "." IR_T

T ir_ldexp(T, int) __asm__("llvm.ldexp." IR_T ".i32");
T ir_exp10(T) __asm__(IR_NAME("exp10"));

INTARG(ir_ldexp, ir_ldexp(x, n), ldexpl(1, n), {0.75, -3}, {-3.2, 0}, {5, 4}, {1e-3, 10},
       {-7, -1})
static T w_ir_exp10(T x) { return ir_exp10(x); }
UNARY_W(ir_exp10, TOL_A, exp10l(x) * LN10_L, -2.0, -0.3, 0.0, 0.7, 2.0)
#ifndef IR_NO_MINIMUM_MAXIMUM
T ir_maximum(T, T) __asm__(IR_NAME("maximum"));
T ir_minimum(T, T) __asm__(IR_NAME("minimum"));
static T w_ir_maximum(T x, T y) { return ir_maximum(x, y); }
BINARY_W(ir_maximum, x > y ? 1 : 0, x > y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25},
         {-1e3, 4})
static T w_ir_minimum(T x, T y) { return ir_minimum(x, y); }
BINARY_W(ir_minimum, x < y ? 1 : 0, x < y ? 0 : 1, {1, 2}, {3, -1}, {-2, -2.5}, {0.5, 0.25},
         {-1e3, 4})
#endif

/* llvm.frexp returns {T, i32}; only for double does the C struct below come
 * back in exactly that IR type under the x86-64 ABI. */
#ifdef IR_FREXP_F64
struct ir_frexp_result {
  double m;
  int e;
};
struct ir_frexp_result ir_frexp(double) __asm__("llvm.frexp.f64.i32");
static T w_ir_frexp(T x) { return ir_frexp(x).m; }
UNARY_W(ir_frexp, TOL_A, frexp_scale(x), 0.3, 0.7, 3.7, -5.5, 100.0, -0.01)
#endif

static void run_intrinsic_cases(void) {
  run_ir_ldexp();
  run_ir_exp10();
#ifndef IR_NO_MINIMUM_MAXIMUM
  run_ir_maximum();
  run_ir_minimum();
#endif
#ifdef IR_FREXP_F64
  run_ir_frexp();
#endif
}

#endif
