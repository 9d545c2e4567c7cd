; Recursive functions: the tangent of a function calls itself (through the
; memo), and mutually recursive functions call each other's tangents; each
; is generated once.
; The patterns are LLVM 19's optimizer's (22 splits struct GEPs, orders and flags
; differently); the integration tests check the same derivatives' values on both.
; REQUIRES: llvm-19
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

; power(x, n) = n == 0 ? 1 : x * power(x, n - 1)
define internal double @power(double %x, i32 %n) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %base, label %rec
base:
  ret double 1.0
rec:
  %n1 = sub i32 %n, 1
  %r = call double @power(double %x, i32 %n1)
  %m = fmul double %x, %r
  ret double %m
}

; even(x, n) = n == 0 ? x : x * odd(x, n - 1)
; odd(x, n)  = n == 0 ? 1 : even(x, n - 1) + x
define internal double @even(double %x, i32 %n) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %base, label %rec
base:
  ret double %x
rec:
  %n1 = sub i32 %n, 1
  %r = call double @odd(double %x, i32 %n1)
  %m = fmul double %x, %r
  ret double %m
}
define internal double @odd(double %x, i32 %n) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %base, label %rec
base:
  ret double 1.0
rec:
  %n1 = sub i32 %n, 1
  %r = call double @even(double %x, i32 %n1)
  %s = fadd double %r, %x
  ret double %s
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @dpower(double %x, double %dx, i32 %n) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @power, double %x, double %dx, i32 %n)
  ret double %r
}

define double @deven(double %x, double %dx, i32 %n) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @even, double %x, double %dx, i32 %n)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.even.10(double %x, double %x.shadow, i32 %n)
; The base case returns x: its tangent is dx.
; CHECK:         phi double {{.*}}[ %x.shadow, %entry ]
; CHECK:         [[C:%.*]] = call { double, double } @fwddiff.odd.10(double %x, double %x.shadow, i32 %n1)
; CHECK-LABEL: define internal { double, double } @fwddiff.odd.10(double %x, double %x.shadow, i32 %n)
; The base case returns a constant: its tangent is 0.
; CHECK:         phi double {{.*}}[ 0.000000e+00, %entry ]
; CHECK:         call { double, double } @fwddiff.even.10(double %x, double %x.shadow, i32 %n1)

; CHECK-LABEL: define internal { double, double } @fwddiff.power.10(double %x, double %x.shadow, i32 %n)
; The returns are merged into one PHI by the normalization; its tangent PHI
; takes 0 from the base case and the product rule from the recursive case.
; CHECK:         %common.ret.op.tan = phi double [ [[DM:%.*]], %rec ], [ 0.000000e+00, %entry ]
; CHECK:       rec:
; The recursive call goes to this same tangent function.
; CHECK:         [[C:%.*]] = call { double, double } @fwddiff.power.10(double %x, double %x.shadow, i32 %n1)
; CHECK-NEXT:    [[R:%.*]] = extractvalue { double, double } [[C]], 0
; CHECK-NEXT:    [[DR:%.*]] = extractvalue { double, double } [[C]], 1
; d(r * x) = x dr + r dx
; CHECK-NEXT:    %m = fmul double [[R]], %x
; CHECK-NEXT:    [[T1:%.*]] = fmul double %x, [[DR]]
; CHECK-NEXT:    [[T2:%.*]] = fmul double [[R]], %x.shadow
; CHECK-NEXT:    [[DM]] = fadd double [[T1]], [[T2]]
; CHECK-NOT:   call double @power(
; CHECK-NOT:   define {{.*}} @fwddiff.

; OPT-LABEL: define internal { double, double } @fwddiff.even.10(
; OPT:         call { double, double } @fwddiff.odd.10(
; OPT-LABEL: define internal { double, double } @fwddiff.odd.10(
; OPT:         call { double, double } @fwddiff.even.10(
; OPT-LABEL: define internal { double, double } @fwddiff.power.10(
; OPT:         call { double, double } @fwddiff.power.10(double %x, double %x.shadow, i32 %n1)
