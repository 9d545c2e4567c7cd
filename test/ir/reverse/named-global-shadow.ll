; A global with a shadow named in IR (!enzyme_shadow) and only declared
; here (defined in another file): it carries derivatives, and both modes
; use the named shadow @k.d, never one of their own (which the program
; could not see). The gradient adds x into @k.d (the adjoint of k in
; r = k * x); the tangent reads k's tangent from @k.d.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

@k = external global double, !enzyme_shadow !0
@k.d = external global double

define internal double @f(double %x) {
entry:
  %k = load double, ptr @k, align 8
  %r = fmul double %k, %x
  ret double %r
}

declare double @__enzyme_autodiff(...)
declare double @__enzyme_fwddiff(...)

define double @grad(double %x) {
  %r = call double (...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

define double @tangent(double %x) {
  %r = call double (...) @__enzyme_fwddiff(ptr @f, double %x, double 0.0)
  ret double %r
}

!0 = !{ptr @k.d}

; CHECK-NOT: @k_shadow
; CHECK-LABEL: define {{.*}} @revdiff.f{{[.a-z0-9]*}}(
; CHECK: load double, ptr @k.d
; CHECK: fadd
; CHECK: store double {{.*}}, ptr @k.d
; CHECK-LABEL: define {{.*}} @fwddiff.f{{[.a-z0-9]*}}(
; CHECK: load double, ptr @k.d
