; The tangent of a select is the select, on the same condition, of the
; operands' tangents (zero for an operand without one); for pointers, the
; select of the shadows. The condition itself carries no derivative.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@enzyme_const = external global i32

; max(x, y)^2 with the comparison on active values; then a select against
; a constant: max(x, y)^2 or 0 when c
define internal double @f(double %x, double %y, i1 %c) {
  %gt = fcmp ogt double %x, %y
  %s = select i1 %gt, double %x, double %y
  %m = fmul double %s, %s
  %z = select i1 %c, double 0.0, double %m
  ret double %z
}

; *(c ? p : q)
define internal double @g(ptr %p, ptr %q, i1 %c) {
  %s = select i1 %c, ptr %p, ptr %q
  %v = load double, ptr %s, align 8
  ret double %v
}

; c ? x : k with k constant (enzyme_const): the tangent of k is zero.
define internal double @h(double %x, double %k, i1 %c) {
  %s = select i1 %c, double %x, double %k
  ret double %s
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(double %x, double %dx, double %y, double %dy, i1 %c) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy, i1 %c)
  ret double %r
}

define double @dg(ptr %p, ptr %dp, ptr %q, ptr %dq, i1 %c) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, ptr %p, ptr %dp, ptr %q, ptr %dq, i1 %c)
  ret double %r
}

define double @dh(double %x, double %dx, double %k, i1 %c) {
  %e = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @h, double %x, double %dx, i32 %e, double %k, i1 %c)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.h.100(double %x, double %x.shadow, double %k, i1 %c)
; CHECK:         %s = select i1 %c, double %x, double %k
; CHECK-NEXT:    [[DS:%.*]] = select i1 %c, double %x.shadow, double 0.000000e+00
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DS]], 1

; CHECK-LABEL: define internal { double, double } @fwddiff.g.110(ptr %p, ptr %p.shadow, ptr %q, ptr %q.shadow, i1 %c)
; CHECK:         %s = select i1 %c, ptr %p, ptr %q
; CHECK-NEXT:    [[SS:%.*]] = select i1 %c, ptr %p.shadow, ptr %q.shadow
; CHECK-NEXT:    %v = load double, ptr %s, align 8
; CHECK-NEXT:    %v.tan = load double, ptr [[SS]], align 8
; CHECK:         insertvalue { double, double } {{%.*}}, double %v.tan, 1

; CHECK-LABEL: define internal { double, double } @fwddiff.f.110(double %x, double %x.shadow, double %y, double %y.shadow, i1 %c)
; CHECK:         %gt = fcmp ogt double %x, %y
; CHECK-NEXT:    %s = select i1 %gt, double %x, double %y
; CHECK-NEXT:    [[DS:%.*]] = select i1 %gt, double %x.shadow, double %y.shadow
; d(s * s) = s ds + s ds
; CHECK-NEXT:    %m = fmul double %s, %s
; CHECK-NEXT:    [[T1:%.*]] = fmul double %s, [[DS]]
; CHECK-NEXT:    [[T2:%.*]] = fmul double %s, [[DS]]
; CHECK-NEXT:    [[DM:%.*]] = fadd double [[T1]], [[T2]]
; CHECK-NEXT:    %z = select i1 %c, double 0.000000e+00, double %m
; CHECK-NEXT:    [[DZ:%.*]] = select i1 %c, double 0.000000e+00, double [[DM]]
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DZ]], 1

; OPT-LABEL: define internal { double, double } @fwddiff.f.110(
; OPT:         [[DS:%.*]] = select i1 %gt, double %x.shadow, double %y.shadow
; OPT:         %z = select i1 %c, double 0.000000e+00, double %m
; OPT-NEXT:    [[DZ:%.*]] = select i1 %c, double 0.000000e+00, double {{%.*}}
; OPT:         insertvalue { double, double } {{%.*}}, double [[DZ]], 1
