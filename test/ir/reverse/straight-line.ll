; Reverse mode on straight-line code. Every value the reverse rules read is
; defined outside loops in the block that holds the return, so the reverse
; pass reads it directly: nothing goes on the tape (no record, no push).
; The adjoint of an fmul operand is the other operand times the result's
; adjoint; fdiv's partials are 1/y for the dividend and -(q/y) for the
; divisor (q the quotient). Two active arguments give a {double, double}.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF --allow-empty
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s \
; RUN:   | FileCheck %s --check-prefix=NOTAPE

; PERF-NOT: saves
; PERF-NOT: rebuilt

; No push anywhere in the gradient (its inlined form would call realloc and
; store into a record), and no pop.
; NOTAPE-LABEL: define internal { double, double } @revdiff.f.oo(
; NOTAPE-NOT:   realloc
; NOTAPE-NOT:   %record
; NOTAPE:       ret { double, double }

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

; The request calls the gradient and returns its two adjoints in order.
; CHECK-LABEL: define { double, double } @df(
; CHECK:         [[G:%.*]] = call { double, double } @revdiff.f.oo(double %x, double %y)
; CHECK-DAG:     extractvalue { double, double } [[G]], 0
; CHECK-DAG:     extractvalue { double, double } [[G]], 1

; CHECK-LABEL: define internal { double, double } @revdiff.f.oo(double %x, double %y)
; CHECK:       entry:
; The forward pass, then the seed: adjoint(s) += 1.
; CHECK:         %m = fmul double %x, %y
; CHECK-NEXT:    %q = fdiv double %x, %y
; CHECK-NEXT:    %s = fadd double %m, %q
; CHECK-NEXT:    br label %reverse.entry
; CHECK:       reverse.entry:
; CHECK-NEXT:    [[S0:%.*]] = load double, ptr %s.adj
; CHECK-NEXT:    [[S1:%.*]] = fadd double [[S0]], 1.000000e+00
; CHECK-NEXT:    store double [[S1]], ptr %s.adj
; CHECK-NEXT:    br label %rev.entry
; No record to pop: the reverse block reads %x, %y and %q as they are.
; fadd passes its adjoint to both operands unchanged.
; CHECK:       rev.entry:
; CHECK-NEXT:    [[AS:%.*]] = load double, ptr %s.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %s.adj
; CHECK-NEXT:    [[M0:%.*]] = load double, ptr %m.adj
; CHECK-NEXT:    [[M1:%.*]] = fadd double [[M0]], [[AS]]
; CHECK-NEXT:    store double [[M1]], ptr %m.adj
; CHECK-NEXT:    [[Q0:%.*]] = load double, ptr %q.adj
; CHECK-NEXT:    [[Q1:%.*]] = fadd double [[Q0]], [[AS]]
; CHECK-NEXT:    store double [[Q1]], ptr %q.adj
; fdiv: adjoint(x) += (1 / y) a, adjoint(y) += -(q / y) a
; CHECK-NEXT:    [[AQ:%.*]] = load double, ptr %q.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %q.adj
; CHECK-NEXT:    [[RECIP:%.*]] = fdiv double 1.000000e+00, %y
; CHECK-NEXT:    [[QY:%.*]] = fdiv double %q, %y
; CHECK-NEXT:    [[NQY:%.*]] = fneg double [[QY]]
; CHECK-NEXT:    [[DX1:%.*]] = fmul double [[RECIP]], [[AQ]]
; CHECK-NEXT:    [[X0:%.*]] = load double, ptr %x.adj
; CHECK-NEXT:    [[X1:%.*]] = fadd double [[X0]], [[DX1]]
; CHECK-NEXT:    store double [[X1]], ptr %x.adj
; CHECK-NEXT:    [[DY1:%.*]] = fmul double [[NQY]], [[AQ]]
; CHECK-NEXT:    [[Y0:%.*]] = load double, ptr %y.adj
; CHECK-NEXT:    [[Y1:%.*]] = fadd double [[Y0]], [[DY1]]
; CHECK-NEXT:    store double [[Y1]], ptr %y.adj
; fmul: each operand's adjoint gets the other operand times the adjoint.
; CHECK-NEXT:    [[AM:%.*]] = load double, ptr %m.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %m.adj
; CHECK-NEXT:    [[DX2:%.*]] = fmul double %y, [[AM]]
; CHECK-NEXT:    [[X2:%.*]] = load double, ptr %x.adj
; CHECK-NEXT:    [[X3:%.*]] = fadd double [[X2]], [[DX2]]
; CHECK-NEXT:    store double [[X3]], ptr %x.adj
; CHECK-NEXT:    [[DY2:%.*]] = fmul double %x, [[AM]]
; CHECK-NEXT:    [[Y2:%.*]] = load double, ptr %y.adj
; CHECK-NEXT:    [[Y3:%.*]] = fadd double [[Y2]], [[DY2]]
; CHECK-NEXT:    store double [[Y3]], ptr %y.adj
; CHECK-NEXT:    br label %gradient.return
; The results, in the order of the active arguments (+ 0.0: adjoints start
; from -0.0, the identity of fadd; an argument nothing reached returns +0.0).
; CHECK:       gradient.return:
; CHECK-NEXT:    [[LX:%.*]] = load double, ptr %x.adj
; CHECK-NEXT:    [[RX:%.*]] = fadd double [[LX]], 0.000000e+00
; CHECK-NEXT:    [[LY:%.*]] = load double, ptr %y.adj
; CHECK-NEXT:    [[RY:%.*]] = fadd double [[LY]], 0.000000e+00
; CHECK:         [[R0:%.*]] = insertvalue { double, double } poison, double [[RX]], 0
; CHECK-NEXT:    [[R1:%.*]] = insertvalue { double, double } [[R0]], double [[RY]], 1
; CHECK-NEXT:    ret { double, double } [[R1]]
; CHECK-NEXT:  }
