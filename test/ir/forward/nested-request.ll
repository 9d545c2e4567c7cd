; A request inside a function that is itself differentiated (a second
; derivative): f(x) = g'(x) with g(x) = x^3, and main asks for f'(x). The
; inner request must be served before f's body is differentiated, whatever
; order the requests come in; here f (holding the inner request) comes
; first in the module and the outer request last.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

define internal double @g(double %x) {
  %s = fmul double %x, %x
  %c = fmul double %s, %x
  ret double %c
}

; f(x) = dg/dx (x)
define internal double @f(double %x) {
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, double %x, double 1.0)
  ret double %d
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @d2g(double %x) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %r
}

; f itself calls the tangent of g; the tangent of f differentiates that call
; (the tangent of g's tangent), not an unserved request.
; CHECK-LABEL: define internal double @f(
; CHECK-NEXT:    call { double, double } @fwddiff.g.1(double %x, double 1.000000e+00)
; CHECK-LABEL: define double @d2g(
; CHECK-NEXT:    call { double, double } @fwddiff.f.1(double %x, double 1.000000e+00)
; CHECK-LABEL: define internal { double, double } @fwddiff.f.1(double %x, double %x.shadow)
; CHECK:         call { { double, double }, { double, double } } @fwddiff.fwddiff.g.1.{{[01]+}}(
; CHECK-NOT:   @__enzyme_fwddiff
