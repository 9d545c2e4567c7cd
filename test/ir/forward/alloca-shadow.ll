; Every local gets a shadow local of the same type, size and alignment,
; zeroed at its allocation; stores and loads through the local then go
; through the shadow. Re-optimization removes the shadow of a local that
; never holds a derivative.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

; buf = {x, x*x}; idx = {i, 0}; return buf[idx[k]]
; (dynamic indices keep both locals in memory through the normalization)
define internal double @f(double %x, i64 %i, i64 %k) {
entry:
  %buf = alloca [2 x double], align 16
  %idx = alloca [2 x i64], align 8
  store double %x, ptr %buf, align 16
  %p1 = getelementptr inbounds double, ptr %buf, i64 1
  %x2 = fmul double %x, %x
  store double %x2, ptr %p1, align 8
  store i64 %i, ptr %idx, align 8
  %q1 = getelementptr inbounds i64, ptr %idx, i64 1
  store i64 0, ptr %q1, align 8
  %qk = getelementptr inbounds i64, ptr %idx, i64 %k
  %j = load i64, ptr %qk, align 8
  %pj = getelementptr inbounds double, ptr %buf, i64 %j
  %v = load double, ptr %pj, align 8
  ret double %v
}

; n doubles on the stack: the shadow has the same dynamic size.
define internal double @g(double %x, i64 %n, i64 %k) {
entry:
  %arr = alloca double, i64 %n, align 8
  store double %x, ptr %arr, align 8
  %pk = getelementptr inbounds double, ptr %arr, i64 %k
  %v = load double, ptr %pk, align 8
  ret double %v
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(double %x, double %dx, i64 %i, i64 %k) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i64 %i, i64 %k)
  ret double %r
}

define double @dg(double %x, double %dx, i64 %n, i64 %k) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, double %x, double %dx, i64 %n, i64 %k)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.g.100(double %x, double %x.shadow, i64 %n, i64 %k)
; CHECK:         %arr = alloca double, i64 %n, align 8
; CHECK-NEXT:    %arr.shadow = alloca double, i64 %n, align 8
; CHECK-NEXT:    [[SIZE:%.*]] = mul i64 %n, 8
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 8 %arr.shadow, i8 0, i64 [[SIZE]], i1 false)
; CHECK:         store double %x.shadow, ptr %arr.shadow, align 8
; CHECK:         %pk.shadow = getelementptr inbounds double, ptr %arr.shadow, i64 %k
; CHECK:         %v.tan = load double, ptr %pk.shadow, align 8

; CHECK-LABEL: define internal { double, double } @fwddiff.f.100(double %x, double %x.shadow, i64 %i, i64 %k)
; CHECK:         %buf = alloca [2 x double], align 16
; CHECK-NEXT:    %buf.shadow = alloca [2 x double], align 16
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %buf.shadow, i8 0, i64 16, i1 false)
; CHECK:         store double %x, ptr %buf, align 16
; CHECK-NEXT:    store double %x.shadow, ptr %buf.shadow, align 16
; CHECK:         %p1.shadow = getelementptr inbounds i8, ptr %buf.shadow, i64 8
; CHECK:         [[T1:%.*]] = fmul double %x, %x.shadow
; CHECK-NEXT:    [[T2:%.*]] = fmul double %x, %x.shadow
; CHECK-NEXT:    [[DX2:%.*]] = fadd double [[T1]], [[T2]]
; CHECK:         store double [[DX2]], ptr %p1.shadow, align 8
; The index loaded from idx selects the shadow element too.
; CHECK:         %pj.shadow = getelementptr inbounds double, ptr %buf.shadow, i64 %j
; CHECK:         %v.tan = load double, ptr %pj.shadow, align 8
; CHECK:         insertvalue { double, double } {{%.*}}, double %v.tan, 1

; OPT-LABEL: define internal { double, double } @fwddiff.f.100(
; OPT:         %buf.shadow = alloca [2 x double], align 16
; The shadow of idx never holds a derivative and is gone.
; OPT-NOT:     %idx.shadow
; OPT:         %v.tan = load double, ptr %pj.shadow, align 8
