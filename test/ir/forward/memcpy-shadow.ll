; Memory intrinsics on duplicated memory are repeated on the shadows:
;  - memcpy / memmove between shadowed memory copy the shadows too, with the
;    same length, alignment and volatility;
;  - a copy from constant memory (no shadow) zeroes the destination's shadow;
;  - a memset writes constants, whose derivative is zero: the shadow is set
;    to 0 whatever byte the primal writes.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@table = private unnamed_addr constant [4 x double] [double 1.0, double 2.0, double 3.0, double 4.0]

define internal double @f(ptr %dst, ptr %src, i64 %n, i8 %byte) {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 8 %src, i64 %n, i1 false)
  %e = getelementptr inbounds i8, ptr %dst, i64 %n
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %e, ptr align 8 %src, i64 %n, i1 true)
  %e2 = getelementptr inbounds i8, ptr %e, i64 %n
  call void @llvm.memset.p0.i64(ptr align 8 %e2, i8 %byte, i64 %n, i1 false)
  %e3 = getelementptr inbounds i8, ptr %e2, i64 %n
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %e3, ptr align 8 @table, i64 %n, i1 false)
  %v = load double, ptr %dst, align 8
  ret double %v
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare double @__enzyme_fwddiff(ptr, ...)

define double @df(ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n, i8 %b) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n, i8 %b)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.f.1100(ptr %dst, ptr %dst.shadow, ptr %src, ptr %src.shadow, i64 %n, i8 %byte)
; CHECK:         call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 8 %src, i64 %n, i1 false)
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst.shadow, ptr align 8 %src.shadow, i64 %n, i1 false)
; CHECK:         %e.shadow = getelementptr inbounds i8, ptr %dst.shadow, i64 %n
; CHECK:         call void @llvm.memmove.p0.p0.i64(ptr align 8 %e, ptr align 8 %src, i64 %n, i1 true)
; CHECK-NEXT:    call void @llvm.memmove.p0.p0.i64(ptr align 8 %e.shadow, ptr align 8 %src.shadow, i64 %n, i1 true)
; CHECK:         %e2.shadow = getelementptr inbounds i8, ptr %e.shadow, i64 %n
; CHECK:         call void @llvm.memset.p0.i64(ptr align 8 %e2, i8 %byte, i64 %n, i1 false)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 8 %e2.shadow, i8 0, i64 %n, i1 false)
; CHECK:         %e3.shadow = getelementptr inbounds i8, ptr %e2.shadow, i64 %n
; CHECK:         call void @llvm.memcpy.p0.p0.i64(ptr align 8 %e3, ptr {{.*}}@table, i64 %n, i1 false)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 8 %e3.shadow, i8 0, i64 %n, i1 false)
; CHECK:         %v.tan = load double, ptr %dst.shadow, align 8
; CHECK:         insertvalue { double, double } {{%.*}}, double %v.tan, 1
; No shadow of the constant table is made.
; CHECK-NOT:   @table_shadow

; OPT-LABEL: define internal { double, double } @fwddiff.f.1100(
; OPT:         call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst.shadow, ptr align 8 %src.shadow, i64 %n, i1 false)
; OPT:         call void @llvm.memmove.p0.p0.i64(ptr align 8 %e.shadow, ptr align 8 %src.shadow, i64 %n, i1 true)
; OPT:         call void @llvm.memset.p0.i64(ptr align 8 %e2.shadow, i8 0, i64 %n, i1 false)
; OPT:         call void @llvm.memset.p0.i64(ptr align 8 %e3.shadow, i8 0, i64 %n, i1 false)
; OPT:         %v.tan = load double, ptr %dst.shadow, align 8
