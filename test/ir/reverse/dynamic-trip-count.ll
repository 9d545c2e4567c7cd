; A while loop whose trip count depends on the data:
;   v = x; while (v < 10) v = v * v + x; return v
; The tape is a stack, so no trip count is needed: each iteration pushes
; the same records (8 bytes from the test block: which of its 2
; predecessors ran, 4 bytes rounded up to 8; 8 bytes from the body: the
; old %v, which the reverse of v * v reads), and the reverse loop pops them
; last to first until the test block's record says it was entered from
; entry. No iteration counter is kept.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; PERF:      adjoint: perf: revdiff.f.o: block '%cond' saves 8 bytes on the tape per execution (in a loop of depth 1, on the stack: its trip count is not known when it starts)
; PERF-NEXT:   %came.from: which of 2 predecessors ran (the reverse pass goes back that way)
; PERF-NEXT: adjoint: perf: revdiff.f.o: block '%body' saves 8 bytes on the tape per execution (in a loop of depth 1, on the stack: its trip count is not known when it starts)
; PERF-NEXT:   %v = phi (8 bytes): defined in a loop, so each iteration has its own value
; PERF-NOT:  saves

define internal double @f(double %x) {
entry:
  br label %cond

cond:
  %v = phi double [ %x, %entry ], [ %v.next, %body ]
  %small = fcmp olt double %v, 1.000000e+01
  br i1 %small, label %body, label %exit

body:
  %sq = fmul double %v, %v
  %v.next = fadd double %sq, %x
  br label %cond

exit:
  ret double %v
}

declare double @__enzyme_autodiff(ptr, ...)

define double @df(double %x) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

; CHECK-LABEL: define internal { double } @revdiff.f.o(double %x)
; Forward: the test block records its predecessor on every visit (the last
; visit, which leaves the loop, too), the body records %v.
; CHECK:       cond:
; CHECK-NEXT:    %came.from = phi i32 [ 0, %[[BODYEND:[a-zA-Z0-9._]+]] ], [ 1, %entry ]
; CHECK:         add i64 {{%.*}}, 8
; CHECK:         store i32 %came.from, ptr {{%.*}}, align 1
; CHECK-NEXT:    br i1 %small, label %body, label %exit
; CHECK:       body:
; CHECK-NEXT:    %sq = fmul double %v, %v
; CHECK-NEXT:    %v.next = fadd double %sq, %x
; CHECK:         add i64 {{%.*}}, 8
; CHECK:       [[BODYEND]]:
; CHECK:         store double %v, ptr {{%.*}}, align 1
; CHECK-NEXT:    br label %cond
; CHECK:       exit:
; CHECK:         br label %rev.exit

; Reverse of the test block: pop its record and go back the way the
; forward pass came, into the body again or out to entry.
; CHECK:       rev.cond:
; CHECK:         sub i64 {{%.*}}, 8
; CHECK:         %came.from.rev = load i32, ptr {{%.*}}, align 1
; The phi's adjoint goes to v.next (from the body) or x (from entry).
; CHECK:         icmp eq i32 %came.from.rev, 0
; CHECK:         store double {{%.*}}, ptr %v.next.adj
; CHECK:         icmp eq i32 %came.from.rev, 1
; CHECK:         store double {{%.*}}, ptr %x.adj
; CHECK-NEXT:    switch i32 %came.from.rev, label %rev.body [
; CHECK-NEXT:      i32 1, label %rev.entry
; CHECK-NEXT:    ]
; The reverse of exit starts the reverse loop at its test block.
; CHECK:       rev.exit:
; CHECK-NEXT:    br label %rev.cond
; Reverse of the body: pop %v; adjoint(v) += v a twice (v * v).
; CHECK:       rev.body:
; CHECK:         sub i64 {{%.*}}, 8
; CHECK:         %v.rev = load double, ptr {{%.*}}, align 1
; CHECK:         fmul double %v.rev,
; CHECK:         fmul double %v.rev,
; CHECK:         br label %rev.cond
