; A double moved through memory as an i64 (what InstCombine makes of an
; 8-byte memcpy, as std::vector's first growth): reverse mode treats the
; load/store pair as a copy of 8 bytes. The destination is read as a
; double, so the copy's layout is one double and its reverse moves the
; adjoint from %y's shadow back to %x's. (An integer move carried no
; adjoint before: the gradient of x was silently zero.) A move of an int
; (TBAA "long") moves no adjoint, and needs no layout from the accesses.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

define internal double @f(ptr %x, ptr %y, ptr %n, ptr %m) {
entry:
  %bits = load i64, ptr %x, align 8
  store i64 %bits, ptr %y, align 8
  %count = load i64, ptr %n, align 8, !tbaa !0
  store i64 %count, ptr %m, align 8, !tbaa !0
  %d = load double, ptr %y, align 8
  %r = fmul double %d, %d
  ret double %r
}

declare double @__enzyme_autodiff(...)

define void @grad(ptr %x, ptr %dx, ptr %y, ptr %dy, ptr %n, ptr %dn, ptr %m, ptr %dm) {
  %r = call double (...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy, ptr %n, ptr %dn, ptr %m, ptr %dm)
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"long", !2, i64 0}
!2 = !{!"omnipotent char", !3, i64 0}
!3 = !{!"Simple C/C++ TBAA"}

; The forward pass: the two moves are copies.
; CHECK-LABEL: define internal {{.*}} @revdiff.f
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr {{.*}}%y, ptr {{.*}}%x, i64 8, i1 false)
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr {{.*}}%m, ptr {{.*}}%n, i64 8, i1 false), !tbaa.struct
; The reverse pass: one double field from %y's shadow to %x's; nothing for the int.
; CHECK: call void @adjoint.copy.reverse.8.0f3(ptr %y.shadow, ptr %x.shadow, i64 8)
; CHECK-NOT: call void @adjoint.copy
; CHECK-LABEL: define internal void @adjoint.copy.reverse.8.0f3(
; CHECK: load double
; CHECK: fadd double
