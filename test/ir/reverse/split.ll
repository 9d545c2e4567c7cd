; The split form of reverse mode (-adjoint-split-gradients builds every
; gradient from it): an augmented forward function that runs the primal and
; returns {tape, result}, and a reverse function that takes the seed and the
; tape. Nothing of the forward function survives the call but the tape, so
; the one value the reverse rules read that is not an argument (q, for
; fdiv's partial -(q / y)) travels in the final record: pushed at the
; return, popped first by the reverse function, which then frees the tape.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -adjoint-split-gradients -S %s \
; RUN:   | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -adjoint-split-gradients -adjoint-print-perf \
; RUN:   -disable-output %s | FileCheck %s --check-prefix=PERF

; PERF: adjoint: perf: augment.f.oo: the final record holds 8 bytes

; f(x, y) = x y + x / y
define internal double @f(double %x, double %y) {
entry:
  %m = fmul double %x, %y
  %q = fdiv double %x, %y
  %s = fadd double %m, %q
  ret double %s
}

declare { double, double } @__enzyme_autodiff(ptr, ...)

define { double, double } @df(double %x, double %y) {
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %r
}

; The gradient calls the two halves, seeding the result with 1.
; CHECK-LABEL: define internal { double, double } @revdiff.f.oo(
; CHECK:         [[AUG:%.*]] = call { ptr, double } @augment.f.oo(double %0, double %1)
; CHECK-NEXT:    [[TAPE:%.*]] = extractvalue { ptr, double } [[AUG]], 0
; CHECK-NEXT:    call { double, double } @reverse.f.oo(double %0, double %1, double 1.000000e+00, ptr [[TAPE]])

; CHECK-LABEL: define internal { ptr, double } @augment.f.oo(double %x, double %y)
; CHECK:         %q = fdiv double %x, %y
; CHECK-NEXT:    %s = fadd double %m, %q
; CHECK:         store double %q, ptr
; The tape pointer and the primal result.
; CHECK:         [[T0:%.*]] = insertvalue { ptr, double } poison, ptr {{%.*}}, 0
; CHECK-NEXT:    [[T1:%.*]] = insertvalue { ptr, double } [[T0]], double %s, 1
; CHECK-NEXT:    ret { ptr, double } [[T1]]

; CHECK-LABEL: define internal { double, double } @reverse.f.oo(double %x, double %y, double %seed, ptr %tape.in)
; CHECK:       reverse.entry:
; CHECK:         %q.final = load double, ptr
; The seed goes into the result's adjoint.
; CHECK:         [[S0:%.*]] = load double, ptr %s.adj
; CHECK-NEXT:    fadd double [[S0]], %seed
; CHECK:       rev.entry:
; CHECK:         fdiv double %q.final, %y
; The reverse pass releases the tape (kept as the thread's spare storage).
; CHECK:       gradient.return:
; CHECK:         call void @adjoint.tape.release(
; CHECK:         ret { double, double }
