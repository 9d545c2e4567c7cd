; A call to a function defined in the module on active arguments becomes a
; call to that function's tangent, with each active argument followed by
; its tangent. Tangent functions are memoized by (function, activity of
; each argument, width): calls with the same activity share one, a call
; with another activity gets its own, and a request for the callee itself
; reuses the one made for the calls.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

define internal double @mul(double %a, double %b) noinline {
  %m = fmul double %a, %b
  ret double %m
}

; mul(x, y) + mul(y, x) + mul(x, 2.0)
define internal double @f(double %x, double %y) {
  %s1 = call double @mul(double %x, double %y)
  %s2 = call double @mul(double %y, double %x)
  %s3 = call double @mul(double %x, double 2.0)
  %t = fadd double %s1, %s2
  %u = fadd double %t, %s3
  ret double %u
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(double %x, double %dx, double %y, double %dy) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %r
}

; CHECK-LABEL: define double @dmul(
; CHECK:         call { double, double } @fwddiff.mul.11(double %x, double %dx, double %y, double %dy)
define double @dmul(double %x, double %dx, double %y, double %dy) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @mul, double %x, double %dx, double %y, double %dy)
  ret double %r
}

; Exactly one tangent of mul for each activity, and one of f.
; CHECK-COUNT-1: define internal { double, double } @fwddiff.mul.11(
; CHECK-NOT:     define {{.*}} @fwddiff.mul.11
; CHECK-LABEL: define internal { double, double } @fwddiff.f.11(double %x, double %x.shadow, double %y, double %y.shadow)
; Both arguments active: the shared tangent, arguments in call order.
; CHECK:         [[C1:%.*]] = call { double, double } @fwddiff.mul.11(double %x, double %x.shadow, double %y, double %y.shadow)
; CHECK-NEXT:    [[S1:%.*]] = extractvalue { double, double } [[C1]], 0
; CHECK-NEXT:    [[D1:%.*]] = extractvalue { double, double } [[C1]], 1
; CHECK-NEXT:    [[C2:%.*]] = call { double, double } @fwddiff.mul.11(double %y, double %y.shadow, double %x, double %x.shadow)
; CHECK-NEXT:    [[S2:%.*]] = extractvalue { double, double } [[C2]], 0
; CHECK-NEXT:    [[D2:%.*]] = extractvalue { double, double } [[C2]], 1
; Second argument constant: another tangent, without a shadow for it.
; CHECK-NEXT:    [[C3:%.*]] = call { double, double } @fwddiff.mul.10(double %x, double %x.shadow, double 2.000000e+00)
; CHECK-NEXT:    [[S3:%.*]] = extractvalue { double, double } [[C3]], 0
; CHECK-NEXT:    [[D3:%.*]] = extractvalue { double, double } [[C3]], 1
; The primal uses the primal results, the tangent the tangents.
; CHECK-NEXT:    %t = fadd double [[S1]], [[S2]]
; CHECK-NEXT:    [[DT:%.*]] = fadd double [[D1]], [[D2]]
; CHECK-NEXT:    %u = fadd double %t, [[S3]]
; CHECK-NEXT:    [[DU:%.*]] = fadd double [[DT]], [[D3]]
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DU]], 1
; CHECK-NOT:   call double @mul(

; The tangent of mul with b constant: d(a*b) = b da.
; CHECK-LABEL: define internal { double, double } @fwddiff.mul.10(double %a, double %a.shadow, double %b)
; CHECK:         [[DM:%.*]] = fmul double %b, %a.shadow
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DM]], 1
; CHECK-NOT:   define {{.*}} @fwddiff.mul.

; Re-optimization does not inline or merge the tangents.
; OPT-DAG:     define internal { double, double } @fwddiff.mul.11(
; OPT-DAG:     define internal { double, double } @fwddiff.mul.10(
; OPT-DAG:     call { double, double } @fwddiff.mul.10(double %x, double %x.shadow, double 2.000000e+00)
