/*===- adjoint/enzyme.h - Enzyme-compatible C interface ---------*- C -*-===*\
 *
 * Declares the markers and entry points of the Enzyme-compatible interface.
 * Code written for Enzyme builds unchanged: users may also declare their own
 * prototypes (any name that starts with an entry point's name), and the
 * plugin reads the actual call. Nothing here depends on LLVM.
 *
\*===----------------------------------------------------------------------===*/
#ifndef ADJOINT_ENZYME_H
#define ADJOINT_ENZYME_H

#ifdef __cplusplus
extern "C" {
#endif

/* Argument markers: each applies to the argument(s) after it. */
extern int enzyme_dup;       /* primal, then its shadow (tangent)            */
extern int enzyme_dupnoneed; /* as enzyme_dup; the primal result is unused   */
extern int enzyme_out;       /* active scalar, reverse mode                  */
extern int enzyme_const;     /* inactive argument                            */
extern int enzyme_width;     /* batch width N (a constant), then N shadows   */
extern int enzyme_dupv;      /* byte stride, primal, one shadow base pointer */
extern int enzyme_tape;      /* split mode: the tape (or its memory) follows */
extern int enzyme_allocated; /* split mode: bytes of the caller's tape memory */
extern int enzyme_primal_return; /* first: return f's result, then derivatives */
extern int enzyme_const_return;  /* first: f's result carries no derivative (not seeded) */
extern int enzyme_vector;    /* __enzyme_batch: one value per lane follows    */
extern int enzyme_scalar;    /* __enzyme_batch: one value for every lane      */

/* Entry points. The return type is the caller's choice: the plugin converts
 * the derivative to whatever the call expects (double, float, a struct or
 * array of N values in batch mode). Declare your own prototype with another
 * name that starts with the entry point's name to get another return type,
 * e.g. `float __enzyme_fwddiff_f(void *, ...);`. */
double __enzyme_fwddiff(void *, ...);
double __enzyme_autodiff(void *, ...);
/* Split reverse mode: the forward pass returns the tape (declare a struct of
 * the tape and the result, e.g. `struct { void *tape; double y; }`, to get
 * f's result too); the reverse pass takes f's arguments again, then the
 * adjoint of f's float result when it has one, then the tape, which it
 * frees. Memory the function reads must not change in between. */
void *__enzyme_augmentfwd(void *, ...);
void __enzyme_reverse(void *, ...);
/* A caller-owned tape: int size = __enzyme_augmentsize(f, <one marker per
 * argument>); then both halves take `enzyme_allocated, size, enzyme_tape, p`
 * before the arguments, with p pointing to size bytes the caller owns. */
int __enzyme_augmentsize(void *, ...);
/* No derivative: f on N lanes, `__enzyme_batch(f, enzyme_width, N,
 * enzyme_vector, x1, ..., xN, enzyme_scalar, c)`, returning f's N results as
 * the struct or array the caller declares (declare it with that return
 * type, e.g. `struct lanes4 __enzyme_batch(void *, ...);`). */

#ifdef __cplusplus
}
#endif

#endif /* ADJOINT_ENZYME_H */
