; A request is a call whose callee is an entry point, whatever the function
; type of the call. After linking modules whose prototypes differ (one
; translation unit declares `void __enzyme_fwddiff(void *, ...)`, another
; includes enzyme.h, which says `double`), calls of the same declaration
; have different function types. Every one of them must be served: one left
; behind is an undefined reference to __enzyme_fwddiff at link time.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

define internal void @sq(ptr %out, double %x) {
  %m = fmul double %x, %x
  store double %m, ptr %out, align 8
  ret void
}

define internal double @cube(double %x) {
  %s = fmul double %x, %x
  %c = fmul double %s, %x
  ret double %c
}

declare double @__enzyme_fwddiff(ptr, ...)

; CHECK-LABEL: define double @dcube(
; CHECK-NEXT:    call { double, double } @fwddiff.cube.1(double %x, double %dx)
define double @dcube(double %x, double %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @cube, double %x, double %dx)
  ret double %r
}

; The call's type (void) differs from the declaration's (double).
; CHECK-LABEL: define void @dsq(
; CHECK-NEXT:    call void @fwddiff.sq.11(ptr %out, ptr %dout, double %x, double %dx)
; CHECK-NEXT:    ret void
define void @dsq(ptr %out, ptr %dout, double %x, double %dx) {
  call void (ptr, ...) @__enzyme_fwddiff(ptr @sq, ptr %out, ptr %dout, double %x, double %dx)
  ret void
}

; CHECK-NOT: @__enzyme_fwddiff
