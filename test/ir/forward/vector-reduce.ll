; llvm.vector.reduce.fadd(s, v) = s + sum_i v_i: its tangent is
; ds + sum_i dv_i, the sum of the lanes of the vector tangent taken with
; another reduce.fadd from -0.0 (the neutral start: the sum of tangents
; is exact, even for a -0.0 tangent). Element-wise vector arithmetic gets
; element-wise tangents.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

@enzyme_const = external global i32

; s + sum(v * v)
define internal double @f(double %s, <4 x double> %v) {
  %sq = fmul <4 x double> %v, %v
  %r = call double @llvm.vector.reduce.fadd.v4f64(double %s, <4 x double> %sq)
  ret double %r
}

; 0 + sum(v) in float, with the start value inactive
define internal float @g(float %s, <8 x float> %v) {
  %r = call reassoc float @llvm.vector.reduce.fadd.v8f32(float %s, <8 x float> %v)
  ret float %r
}

declare double @llvm.vector.reduce.fadd.v4f64(double, <4 x double>)
declare float @llvm.vector.reduce.fadd.v8f32(float, <8 x float>)
declare double @__enzyme_fwddiff(ptr, ...)
declare float @__enzyme_fwddiff_f(ptr, ...)

define double @df(double %s, double %ds, <4 x double> %v, <4 x double> %dv) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %s, double %ds, <4 x double> %v, <4 x double> %dv)
  ret double %r
}

define float @dg(float %s, <8 x float> %v, <8 x float> %dv) {
  %k = load i32, ptr @enzyme_const
  %r = call float (ptr, ...) @__enzyme_fwddiff_f(ptr @g, i32 %k, float %s, <8 x float> %v, <8 x float> %dv)
  ret float %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.f.11(double %s, double %s.shadow, <4 x double> %v, <4 x double> %v.shadow)
; d(v * v) = v dv + v dv, lane by lane
; CHECK:         %sq = fmul <4 x double> %v, %v
; CHECK-NEXT:    [[T1:%.*]] = fmul <4 x double> %v, %v.shadow
; CHECK-NEXT:    [[T2:%.*]] = fmul <4 x double> %v, %v.shadow
; CHECK-NEXT:    [[DSQ:%.*]] = fadd <4 x double> [[T1]], [[T2]]
; CHECK-NEXT:    %r = call double @llvm.vector.reduce.fadd.v4f64(double %s, <4 x double> %sq)
; CHECK-NEXT:    [[SUM:%.*]] = call double @llvm.vector.reduce.fadd.v4f64(double -0.000000e+00, <4 x double> [[DSQ]])
; CHECK-NEXT:    [[DR:%.*]] = fadd double %s.shadow, [[SUM]]
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiff.g.01(float %s, <8 x float> %v, <8 x float> %v.shadow)
; CHECK:         %r = call reassoc float @llvm.vector.reduce.fadd.v8f32(float %s, <8 x float> %v)
; CHECK-NEXT:    [[SUM:%.*]] = call {{.*}}float @llvm.vector.reduce.fadd.v8f32(float -0.000000e+00, <8 x float> %v.shadow)
; CHECK-NOT:     %s.shadow
; CHECK:         insertvalue { float, float } {{%.*}}, float [[SUM]], 1

; OPT-LABEL: define internal { double, double } @fwddiff.f.11(
; OPT:         [[SUM:%.*]] = {{(tail )?}}call double @llvm.vector.reduce.fadd.v4f64(double -0.000000e+00, <4 x double> {{%.*}})
; OPT-NEXT:    [[DR:%.*]] = fadd double {{(%s.shadow, )?}}[[SUM]]{{(, %s.shadow)?}}{{$}}
; OPT:         insertvalue { double, double } {{%.*}}, double [[DR]], 1
