; Tangent of arithmetic: the sum over the operands of partial * tangent,
;   f(x, y) = (x * y + x) - y
;   df = (y dx + x dy) + dx - dy
; A partial of 1 uses the tangent as is (no multiplication by 1.0), a
; partial of -1 negates it.
; The patterns are LLVM 19's optimizer's (22 splits struct GEPs, orders and flags
; differently); the integration tests check the same derivatives' values on both.
; REQUIRES: llvm-19
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

define internal double @f(double %x, double %y) {
entry:
  %m = fmul double %x, %y
  %a = fadd double %m, %x
  %s = fsub double %a, %y
  ret double %s
}

declare double @__enzyme_fwddiff(ptr, ...)

; The request becomes a call of the tangent function; its result is the
; tangent, field 1 (field 0 is the primal).
; CHECK-LABEL: define double @df(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[CALL:%.*]] = call { double, double } @fwddiff.f.11(double %x, double %dx, double %y, double %dy)
; CHECK-NEXT:    [[T:%.*]] = extractvalue { double, double } [[CALL]], 1
; CHECK-NEXT:    ret double [[T]]
define double @df(double %x, double %dx, double %y, double %dy) {
entry:
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.f.11(double %x, double %x.shadow, double %y, double %y.shadow)
; The primal is kept.
; CHECK:         %m = fmul double %x, %y
; d(x*y): the tangent of x times the other operand y, plus x times the tangent of y.
; CHECK-NEXT:    [[DX_Y:%.*]] = fmul double %y, %x.shadow
; CHECK-NEXT:    [[X_DY:%.*]] = fmul double %x, %y.shadow
; CHECK-NEXT:    [[DM:%.*]] = fadd double [[DX_Y]], [[X_DY]]
; d(m + x) = dm + dx, without a multiplication by 1.0.
; CHECK-NEXT:    %a = fadd double %m, %x
; CHECK-NEXT:    [[DA:%.*]] = fadd double [[DM]], %x.shadow
; d(a - y) = da + (-dy).
; CHECK-NEXT:    %s = fsub double %a, %y
; CHECK-NEXT:    [[NDY:%.*]] = fneg double %y.shadow
; CHECK-NEXT:    [[DS:%.*]] = fadd double [[DA]], [[NDY]]
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { double, double } poison, double %s, 0
; CHECK-NEXT:    [[R1:%.*]] = insertvalue { double, double } [[R0]], double [[DS]], 1
; CHECK-NEXT:    ret { double, double } [[R1]]
; CHECK-NOT:   fmul double {{.*}}1.000000e+00

; After re-optimization the same products remain (operands may be commuted)
; and the negation folds into a subtraction.
; OPT-LABEL: define internal { double, double } @fwddiff.f.11(
; OPT:         [[DX_Y:%.*]] = fmul double {{%x.shadow, %y|%y, %x.shadow}}{{$}}
; OPT-NEXT:    [[X_DY:%.*]] = fmul double {{%x, %y.shadow|%y.shadow, %x}}{{$}}
; OPT-NEXT:    [[DM:%.*]] = fadd double [[DX_Y]], [[X_DY]]
; OPT:         [[DA:%.*]] = fadd double [[DM]], %x.shadow
; OPT:         [[DS:%.*]] = fsub double [[DA]], %y.shadow
; OPT:         insertvalue { double, double } {{%.*}}, double [[DS]], 1
