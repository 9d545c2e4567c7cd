; Only values through which an adjoint can flow back from the result get
; adjoint code: a value that depends on an active input but reaches the
; result only through a comparison or an integer conversion (or not at
; all) gets no adjoint slot, no reverse code, and nothing on the tape.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-activity -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=ACT
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; f: sin(x) only decides which value the select takes, exp(y) only
; becomes an integer. Their partials (cos x, exp y) are never computed.
define internal double @f(double %x, double %y) {
entry:
  %s = call double @llvm.sin.f64(double %x)
  %pos = fcmp ogt double %s, 0.0
  %e = call double @llvm.exp.f64(double %y)
  %k = fptosi double %e to i32
  %kf = sitofp i32 %k to double
  %sq = fmul double %x, %x
  %r = select i1 %pos, double %sq, double %x
  %t = fmul double %r, %kf
  %u = fadd double %t, %y
  ret double %u
}

; g: acc *= x until sin(acc) > 0.9 or n steps. sin(acc.next) only decides
; when to stop: if it were differentiated, its reverse would read
; acc.next, a loop value, and the loop's record would grow by 8 bytes.
define internal double @g(double %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %loop ]
  %acc.next = fmul double %acc, %x
  %w = call double @llvm.sin.f64(double %acc.next)
  %stop = fcmp ogt double %w, 0.9
  %i.next = add nsw i32 %i, 1
  %count = icmp sge i32 %i.next, %n
  %done = or i1 %stop, %count
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

declare double @llvm.sin.f64(double)
declare double @llvm.exp.f64(double)

@enzyme_const = external global i32
declare { double, double } @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_autodiff_d(ptr, ...)

define { double, double } @df(double %x, double %y) {
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %r
}

define double @dg(double %x, i32 %n) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_autodiff_d(ptr @g, double %x, i32 %c, i32 %n)
  ret double %r
}

; ACT-LABEL: adjoint: useful values of revdiff.f.oo
; ACT-NOT:     %s =
; ACT-NOT:     %e =
; ACT-NOT:     %kf =
; ACT:         active   %sq = fmul double %x, %x
; ACT-NEXT:    active   %r = select i1 %pos, double %sq, double %x
; ACT-NEXT:    active   %t = fmul double %r, %kf
; ACT-NEXT:    active   %u = fadd double %t, %y
; ACT-NOT:     active
; ACT-LABEL: adjoint: useful values of revdiff.g.oc
; ACT-NEXT:    active   %acc = phi double
; ACT-NEXT:    active   %acc.next = fmul double %acc, %x
; ACT-NOT:     active

; f saves nothing; g's loop saves %acc (for acc * x) and its predecessor,
; not %acc.next.
; PERF-NOT:  revdiff.f.oo
; PERF:      adjoint: perf: revdiff.g.oc: block '%loop' saves 16 bytes on the tape per execution (in a loop of depth 1, on the stack: its trip count is not known when it starts)
; PERF-NEXT:   %acc = phi (8 bytes): defined in a loop, so each iteration has its own value
; PERF-NEXT:   %came.from: which of 2 predecessors ran (the reverse pass goes back that way)
; PERF-NOT:  saves

; CHECK-LABEL: define internal { double, double } @revdiff.f.oo(double %x, double %y)
; CHECK-NOT:     %s.adj
; CHECK-NOT:     %e.adj
; CHECK-NOT:     %kf.adj
; CHECK-NOT:     %k.adj
; The primal still computes them: the select and the product need them.
; CHECK:         %s = call double @llvm.sin.f64(double %x)
; CHECK:         %e = call double @llvm.exp.f64(double %y)
; CHECK:       rev.entry:
; t = r * kf: r's adjoint gets kf times t's; kf (from an integer) none.
; CHECK:         fmul double %kf,
; CHECK-NOT:     call double @llvm.cos
; CHECK-NOT:     call double @llvm.exp
; CHECK-NOT:     %s.adj
; CHECK-NOT:     %e.adj
; CHECK:         ret { double, double }
; CHECK-NEXT:  }

; CHECK-LABEL: define internal { double } @revdiff.g.oc(double %x, i32 %n)
; CHECK-NOT:     %w.adj
; CHECK:         %w = call double @llvm.sin.f64(double %acc.next)
; CHECK:         add i64 {{%.*}}, 16
; CHECK-NOT:     store double %acc.next, ptr
; CHECK:       rev.loop:
; CHECK-NOT:     call double @llvm.cos
; CHECK-NOT:     %w.adj
; CHECK-NOT:     %acc.next.rev
; CHECK:         ret { double }
; CHECK-NEXT:  }
