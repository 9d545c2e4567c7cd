; A counted loop whose body multiplies by a value computed in the loop:
;   acc = 1; for (i = 0; i < n; ++i) acc *= x + i;   return acc
; The reverse of acc.next = acc * t reads both operands (each one's partial
; is the other), and both are loop values (each iteration has its own),
; so the loop block saves them. %x is an argument and is read directly;
; %i feeds no reverse rule and is not saved. The block has two
; predecessors (entry and its own back edge), so it also saves which one
; ran, an i32. Record layout: %acc at 0 (8 bytes), %t at 8 (8 bytes),
; came.from at 16 (4 bytes) = 20 bytes, rounded up to 24 so that every
; record stays 8-aligned on the tape. The reverse loop pops the same 24
; bytes per iteration, last iteration first.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; PERF:      adjoint: perf: revdiff.f.oc: block 'loop' saves 24 bytes on the tape per execution (in a loop of depth 1)
; PERF-NEXT:   %acc = phi (8 bytes): defined in a loop, so each iteration has its own value
; PERF-NEXT:   %t = fadd (8 bytes): defined in a loop, so each iteration has its own value
; PERF-NEXT:   %came.from: which of 2 predecessors ran (the reverse pass goes back that way)
; Nothing else: no other block saves anything, nothing is rebuilt.
; PERF-NOT:  saves
; PERF-NOT:  rebuilt

define internal double @f(double %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %loop ]
  %fi = sitofp i32 %i to double
  %t = fadd double %x, %fi
  %acc.next = fmul double %acc, %t
  %i.next = add nsw i32 %i, 1
  %done = icmp sge i32 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define double @df(double %x, i32 %n) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %c, i32 %n)
  ret double %r
}

; CHECK-LABEL: define internal { double } @revdiff.f.oc(double %x, i32 %n)
; CHECK:         %tape = alloca { ptr, i64, i64 }
; The forward loop: the predecessor index is a phi (0: the back edge,
; 1: entry, the order of the reverse block's switch below).
; CHECK:       loop:
; CHECK-NEXT:    %came.from = phi i32 [ 0, %[[LATCH:[a-zA-Z0-9._]+]] ], [ 1, %entry ]
; CHECK:         %t = fadd double
; CHECK-NEXT:    %acc.next = fmul double %acc, %t
; The push (inlined): size += 24, grow through realloc when over capacity.
; CHECK:         [[SIZE:%.*]] = load i64, ptr [[SIZEP:%.*]], align
; CHECK:         [[NEED:%.*]] = add i64 [[SIZE]], 24
; CHECK-NEXT:    store i64 [[NEED]], ptr [[SIZEP]]
; CHECK:         call ptr @realloc(
; CHECK:       [[LATCH]]:
; CHECK:         [[REC:%.*]] = getelementptr i8, ptr {{%.*}}, i64 [[SIZE]]
; CHECK-NEXT:    [[P0:%.*]] = getelementptr inbounds i8, ptr [[REC]], i64 0
; CHECK-NEXT:    store double %acc, ptr [[P0]], align 1
; CHECK-NEXT:    [[P8:%.*]] = getelementptr inbounds i8, ptr [[REC]], i64 8
; CHECK-NEXT:    store double %t, ptr [[P8]], align 1
; CHECK-NEXT:    [[P16:%.*]] = getelementptr inbounds i8, ptr [[REC]], i64 16
; CHECK-NEXT:    store i32 %came.from, ptr [[P16]], align 1
; CHECK-NEXT:    br i1 %{{.*}}, label %loop, label %exit
; Nothing else is pushed: exit has one predecessor and needs no value.
; CHECK:       exit:
; CHECK-NOT:     realloc
; CHECK:         br label %rev.exit

; The reverse loop pops the 24 bytes and reads the record back.
; CHECK:       rev.loop:
; CHECK:         [[RSIZE:%.*]] = load i64, ptr [[RSIZEP:%.*]], align
; CHECK-NEXT:    [[TOP:%.*]] = sub i64 [[RSIZE]], 24
; CHECK-NEXT:    store i64 [[TOP]], ptr [[RSIZEP]]
; CHECK:         [[RREC:%record.*]] = getelementptr i8, ptr {{%.*}}, i64 [[TOP]]
; CHECK-NEXT:    [[R0:%.*]] = getelementptr inbounds i8, ptr [[RREC]], i64 0
; CHECK-NEXT:    %acc.rev = load double, ptr [[R0]], align 1
; CHECK-NEXT:    [[R8:%.*]] = getelementptr inbounds i8, ptr [[RREC]], i64 8
; CHECK-NEXT:    %t.rev = load double, ptr [[R8]], align 1
; CHECK-NEXT:    [[R16:%.*]] = getelementptr inbounds i8, ptr [[RREC]], i64 16
; CHECK-NEXT:    %came.from.rev = load i32, ptr [[R16]], align 1
; adjoint(acc) += t a, adjoint(t) += acc a, with the popped values.
; CHECK-NEXT:    [[A:%.*]] = load double, ptr %acc.next.adj
; CHECK-NEXT:    store double 0.000000e+00, ptr %acc.next.adj
; CHECK-NEXT:    [[DACC:%.*]] = fmul double %t.rev, [[A]]
; CHECK-NEXT:    [[ACC0:%.*]] = load double, ptr %acc.adj
; CHECK-NEXT:    [[ACC1:%.*]] = fadd double [[ACC0]], [[DACC]]
; CHECK-NEXT:    store double [[ACC1]], ptr %acc.adj
; CHECK-NEXT:    [[DT:%.*]] = fmul double %acc.rev, [[A]]
; CHECK-NEXT:    [[T0:%.*]] = load double, ptr %t.adj
; CHECK-NEXT:    [[T1:%.*]] = fadd double [[T0]], [[DT]]
; CHECK-NEXT:    store double [[T1]], ptr %t.adj
; t = x + fi: x's adjoint gets t's (fi is an integer conversion: none).
; CHECK-NEXT:    [[AT:%.*]] = load double, ptr %t.adj
; CHECK-NEXT:    store double 0.000000e+00, ptr %t.adj
; CHECK-NEXT:    [[X0:%.*]] = load double, ptr %x.adj
; CHECK-NEXT:    [[X1:%.*]] = fadd double [[X0]], [[AT]]
; CHECK-NEXT:    store double [[X1]], ptr %x.adj
; Back around the loop, or out to the reverse of entry.
; CHECK:         switch i32 %came.from.rev, label %rev.loop [
; CHECK-NEXT:      i32 1, label %rev.entry
; CHECK-NEXT:    ]
; CHECK-NOT:     %i.rev
; CHECK:         call void @free(
