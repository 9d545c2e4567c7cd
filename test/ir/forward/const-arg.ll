; An argument marked enzyme_const (and an integer, constant by default)
; has no shadow parameter in the tangent function and no tangent: the
; mask in the name has a 0 for it, the call passes only its primal, and
; no term of the tangent depends on it.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@enzyme_const = external global i32

; f(x, c, p, n) = x * c + p[n]
define internal double @f(double %x, double %c, ptr %p, i64 %n) {
  %m = fmul double %x, %c
  %q = getelementptr inbounds double, ptr %p, i64 %n
  %v = load double, ptr %q, align 8
  %a = fadd double %m, %v
  ret double %a
}

declare double @__enzyme_fwddiff(ptr, ...)

; x duplicated; c and p enzyme_const; n an integer.
; CHECK-LABEL: define double @df(
; CHECK-NEXT:    [[C:%.*]] = call { double, double } @fwddiff.f.1000(double %x, double %dx, double %c, ptr %p, i64 %n)
; CHECK-NEXT:    [[T:%.*]] = extractvalue { double, double } [[C]], 1
; CHECK-NEXT:    ret double [[T]]
define double @df(double %x, double %dx, double %c, ptr %p, i64 %n) {
  %k = load i32, ptr @enzyme_const
  %k2 = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %k, double %c, i32 %k2, ptr %p, i64 %n)
  ret double %r
}

; Everything constant: the tangent is zero.
; CHECK-LABEL: define double @dall(
; CHECK-NEXT:    [[C:%.*]] = call { double, double } @fwddiff.f.0000(double %x, double %c, ptr %p, i64 %n)
define double @dall(double %x, double %c, ptr %p, i64 %n) {
  %k = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %k, double %x, i32 %k, double %c, i32 %k, ptr %p, i64 %n)
  ret double %r
}

; (Requests are served last to first.)
; CHECK-LABEL: define internal { double, double } @fwddiff.f.0000(double %x, double %c, ptr %p, i64 %n)
; CHECK-NOT:     .shadow
; CHECK:         %a = fadd double %m, %v
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { double, double } poison, double %a, 0
; CHECK-NEXT:    insertvalue { double, double } [[R0]], double 0.000000e+00, 1
; CHECK-NEXT:    ret

; CHECK-LABEL: define internal { double, double } @fwddiff.f.1000(double %x, double %x.shadow, double %c, ptr %p, i64 %n)
; d(x * c) = c dx, with no term for c.
; CHECK:         %m = fmul double %x, %c
; CHECK-NEXT:    [[DM:%.*]] = fmul double %c, %x.shadow
; No shadow address, no tangent load for p; d(m + v) = dm.
; CHECK-NEXT:    %q = getelementptr inbounds double, ptr %p, i64 %n
; CHECK-NEXT:    %v = load double, ptr %q, align 8
; CHECK-NEXT:    %a = fadd double %m, %v
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { double, double } poison, double %a, 0
; CHECK-NEXT:    insertvalue { double, double } [[R0]], double [[DM]], 1

; OPT-LABEL: define internal { double, double } @fwddiff.f.1000(
; OPT:         fmul double {{%c, %x.shadow|%x.shadow, %c}}{{$}}
; OPT-NOT:     .shadow
; OPT:         ret { double, double }
