; Shadows mirror memory: a load through a duplicated pointer also loads its
; tangent from the shadow, and a store also stores the value's tangent to
; the shadow, with the same alignment. Storing a value without a tangent
; (a constant, an enzyme_const argument) stores zero to the shadow, so
; a stale derivative is overwritten.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@enzyme_const = external global i32

; out[0] = in[0] * in[0]; out[1] = 2.0; out[2] = c
define internal void @f(ptr %in, ptr %out, double %c) {
entry:
  %v = load double, ptr %in, align 4
  %sq = fmul double %v, %v
  store double %sq, ptr %out, align 16
  %out1 = getelementptr inbounds double, ptr %out, i64 1
  store double 2.0, ptr %out1, align 8
  %out2 = getelementptr inbounds double, ptr %out, i64 2
  store double %c, ptr %out2, align 8
  ret void
}

declare void @__enzyme_fwddiff(ptr, ...)

; CHECK-LABEL: define void @df(
; CHECK:         call void @fwddiff.f.110(ptr %in, ptr %din, ptr %out, ptr %dout, double %c)
define void @df(ptr %in, ptr %din, ptr %out, ptr %dout, double %c) {
  %k = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %in, ptr %din, ptr %out, ptr %dout, i32 %k, double %c)
  ret void
}

; A void function has a void tangent function.
; CHECK-LABEL: define internal void @fwddiff.f.110(ptr %in, ptr %in.shadow, ptr %out, ptr %out.shadow, double %c)
; CHECK:         %v = load double, ptr %in, align 4
; CHECK-NEXT:    %v.tan = load double, ptr %in.shadow, align 4
; CHECK:         [[T1:%.*]] = fmul double %v, %v.tan
; CHECK-NEXT:    [[T2:%.*]] = fmul double %v, %v.tan
; CHECK-NEXT:    [[DSQ:%.*]] = fadd double [[T1]], [[T2]]
; CHECK-NEXT:    store double %sq, ptr %out, align 16
; CHECK-NEXT:    store double [[DSQ]], ptr %out.shadow, align 16
; CHECK:         store double 2.000000e+00, ptr %out1, align 8
; CHECK-NEXT:    store double 0.000000e+00, ptr %out1.shadow, align 8
; CHECK:         store double %c, ptr %out2, align 8
; CHECK-NEXT:    store double 0.000000e+00, ptr %out2.shadow, align 8
; CHECK-NEXT:    ret void

; OPT-LABEL: define internal void @fwddiff.f.110(
; OPT:         %v.tan = load double, ptr %in.shadow, align 4
; OPT:         [[T:%.*]] = fmul double {{%v, %v.tan|%v.tan, %v}}{{$}}
; OPT-NEXT:    [[DSQ:%.*]] = fadd double [[T]], [[T]]
; OPT:         store double [[DSQ]], ptr %out.shadow, align 16
; OPT:         store double 0.000000e+00, ptr %out1.shadow, align 8
; OPT:         store double 0.000000e+00, ptr %out2.shadow, align 8
