; A select between a pointer with a shadow and one without (y is passed
; enzyme_const) may point to memory without a shadow; the message names the
; value that has none when it has a name. (conditional-pointer-without-shadow.c
; reaches the same error through a phi.)
; RUN: not %opt-adjoint -passes=adjoint -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=error:
; RUN: not %opt-adjoint -passes=adjoint -disable-output %s 2>&1 | FileCheck %s --check-prefix=NOCRASH
; NOCRASH-NOT: PLEASE submit a bug report
; NOCRASH-NOT: Stack dump

; CHECK: error: {{.*}}: adjoint: a pointer here may point to memory without a shadow ('y') (such as a choice between a duplicated and an enzyme_const array); pass that memory with enzyme_dup and a shadow (zeroed, if it holds no derivative) (reached from f)

define internal double @f(ptr %x, ptr %y, i1 %c) {
  %p = select i1 %c, ptr %x, ptr %y
  %v = load double, ptr %p, align 8
  %m = fmul double %v, %v
  ret double %m
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(ptr %x, ptr %dx, ptr %y, i1 %c) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %y, metadata !"enzyme_const", i1 %c)
  ret double %r
}
