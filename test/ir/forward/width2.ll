; Batch mode (enzyme_width, 2): every duplicated argument takes two shadows,
; the tangent function computes two tangent lanes side by side, each from
; its own lane of every input, and returns { primal, lane 0, lane 1 }.
; Its name ends in .w2; the width-1 tangent of the same function is
; another function. Calls inside pass both lanes to the callee's .w2
; tangent.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@enzyme_width = external global i32

define internal double @sq(double %a) noinline {
  %m = fmul double %a, %a
  ret double %m
}

; f(x, p) = sq(x) * p[0]
define internal double @f(double %x, ptr %p) {
  %s = call double @sq(double %x)
  %v = load double, ptr %p, align 8
  %m = fmul double %s, %v
  ret double %m
}

declare [2 x double] @__enzyme_fwddiff_v2(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

; The two tangents come back as the declared [2 x double].
; CHECK-LABEL: define [2 x double] @df(
; CHECK:         [[C:%.*]] = call { double, double, double } @fwddiff.f.11.w2(double %x, double 1.000000e+00, double 0.000000e+00, ptr %p, ptr %dp0, ptr %dp1)
; CHECK-NEXT:    [[L0:%.*]] = extractvalue { double, double, double } [[C]], 1
; CHECK-NEXT:    [[L1:%.*]] = extractvalue { double, double, double } [[C]], 2
; CHECK-NEXT:    [[A0:%.*]] = insertvalue [2 x double] poison, double [[L0]], 0
; CHECK-NEXT:    [[A1:%.*]] = insertvalue [2 x double] [[A0]], double [[L1]], 1
; CHECK-NEXT:    ret [2 x double] [[A1]]
define [2 x double] @df(double %x, ptr %p, ptr %dp0, ptr %dp1) {
  %w = load i32, ptr @enzyme_width
  %r = call [2 x double] (ptr, ...) @__enzyme_fwddiff_v2(ptr @f, i32 %w, i32 2, double %x, double 1.0, double 0.0, ptr %p, ptr %dp0, ptr %dp1)
  ret [2 x double] %r
}

; CHECK-LABEL: define double @df1(
; CHECK:         call { double, double } @fwddiff.f.11(double %x, double %dx, ptr %p, ptr %dp)
define double @df1(double %x, double %dx, ptr %p, ptr %dp) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, ptr %p, ptr %dp)
  ret double %r
}

; CHECK-LABEL: define internal { double, double, double } @fwddiff.f.11.w2(double %x, double %x.shadow0, double %x.shadow1, ptr %p, ptr %p.shadow0, ptr %p.shadow1)
; CHECK:         [[SC:%.*]] = call { double, double, double } @fwddiff.sq.1.w2(double %x, double %x.shadow0, double %x.shadow1)
; CHECK-NEXT:    [[S:%.*]] = extractvalue { double, double, double } [[SC]], 0
; CHECK-NEXT:    [[DS0:%.*]] = extractvalue { double, double, double } [[SC]], 1
; CHECK-NEXT:    [[DS1:%.*]] = extractvalue { double, double, double } [[SC]], 2
; CHECK-NEXT:    %v = load double, ptr %p, align 8
; CHECK-NEXT:    %v.tan = load double, ptr %p.shadow0, align 8
; CHECK-NEXT:    %v.tan1 = load double, ptr %p.shadow1, align 8
; Lane 0 uses only lane-0 tangents, lane 1 only lane-1 tangents.
; CHECK-NEXT:    %m = fmul double [[S]], %v
; CHECK-NEXT:    [[A0:%.*]] = fmul double %v, [[DS0]]
; CHECK-NEXT:    [[B0:%.*]] = fmul double [[S]], %v.tan
; CHECK-NEXT:    [[D0:%.*]] = fadd double [[A0]], [[B0]]
; CHECK-NEXT:    [[A1:%.*]] = fmul double %v, [[DS1]]
; CHECK-NEXT:    [[B1:%.*]] = fmul double [[S]], %v.tan1
; CHECK-NEXT:    [[D1:%.*]] = fadd double [[A1]], [[B1]]
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { double, double, double } poison, double %m, 0
; CHECK-NEXT:    [[R1:%.*]] = insertvalue { double, double, double } [[R0]], double [[D0]], 1
; CHECK-NEXT:    [[R2:%.*]] = insertvalue { double, double, double } [[R1]], double [[D1]], 2
; CHECK-NEXT:    ret { double, double, double } [[R2]]

; CHECK-LABEL: define internal { double, double, double } @fwddiff.sq.1.w2(double %a, double %a.shadow0, double %a.shadow1)
; CHECK:         fmul double %a, %a.shadow0
; CHECK:         fmul double %a, %a.shadow1
; CHECK:         ret { double, double, double }

; CHECK-LABEL: define internal { double, double } @fwddiff.f.11(double %x, double %x.shadow, ptr %p, ptr %p.shadow)
; CHECK:         call { double, double } @fwddiff.sq.1(double %x, double %x.shadow)

; OPT-LABEL: define internal { double, double, double } @fwddiff.f.11.w2(
; OPT-DAG:     %v.tan = load double, ptr %p.shadow0, align 8
; OPT-DAG:     %v.tan1 = load double, ptr %p.shadow1, align 8
; OPT:         ret { double, double, double }
