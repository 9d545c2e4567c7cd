; A request declared to return a struct that the C ABI returns in memory
; (three doubles: the call's first argument is an sret pointer) has its
; derivative stored through that pointer. Here in batch mode, width 3:
; the three tangent lanes fill the three fields. The sret pointer is not
; an argument of the differentiated function.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s

%struct.d3 = type { double, double, double }

@enzyme_width = external global i32

define internal double @f(double %x) {
  %m = fmul double %x, %x
  ret double %m
}

declare void @__enzyme_fwddiff_d3(ptr sret(%struct.d3), ptr, ...)

; CHECK-LABEL: define void @df(ptr noalias sret(%struct.d3) %out, double %x)
; CHECK-NEXT:    [[C:%.*]] = call { double, double, double, double } @fwddiff.f.1.w3(double %x, double 1.000000e+00, double 2.000000e+00, double 3.000000e+00)
; CHECK-NEXT:    [[L0:%.*]] = extractvalue { double, double, double, double } [[C]], 1
; CHECK-NEXT:    [[L1:%.*]] = extractvalue { double, double, double, double } [[C]], 2
; CHECK-NEXT:    [[L2:%.*]] = extractvalue { double, double, double, double } [[C]], 3
; CHECK-NEXT:    [[S0:%.*]] = insertvalue %struct.d3 poison, double [[L0]], 0
; CHECK-NEXT:    [[S1:%.*]] = insertvalue %struct.d3 [[S0]], double [[L1]], 1
; CHECK-NEXT:    [[S2:%.*]] = insertvalue %struct.d3 [[S1]], double [[L2]], 2
; CHECK-NEXT:    store %struct.d3 [[S2]], ptr %out
; CHECK-NEXT:    ret void
define void @df(ptr noalias sret(%struct.d3) %out, double %x) {
  %w = load i32, ptr @enzyme_width
  call void (ptr, ptr, ...) @__enzyme_fwddiff_d3(ptr sret(%struct.d3) %out, ptr @f, i32 %w, i32 3, double %x, double 1.0, double 2.0, double 3.0)
  ret void
}

; CHECK-LABEL: define internal { double, double, double, double } @fwddiff.f.1.w3(double %x, double %x.shadow0, double %x.shadow1, double %x.shadow2)
; CHECK:         ret { double, double, double, double }
