; A counted loop whose body multiplies by a value computed in the loop:
;   acc = 1; for (i = 0; i < n; ++i) acc *= x + i;   return acc
; The reverse of acc.next = acc * t reads both operands (each one's partial
; is the other), and both are loop values (each iteration has its own),
; so the reverse block needs them. %acc is saved; %t = x + i is rebuilt
; from %x (an argument, read directly) and %i, an induction variable the
; reverse loop knows from its iteration count. The trip count, max(n, 1),
; is known when the loop starts, so the records go into an array indexed
; by the iteration: trips x 8 bytes, reserved on the tape before the loop. The reverse loop counts the iteration down from
; trips - 1 and reads record i at array + 16 i; at iteration 0 it knows it
; came from the entry, so no predecessor index is saved.
; The patterns are LLVM 19's optimizer's (22 splits struct GEPs, orders and flags
; differently); the integration tests check the same derivatives' values on both.
; REQUIRES: llvm-19
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; PERF:      adjoint: perf: revdiff.f.oc: block '%loop' saves 8 bytes per iteration, in an array indexed by the iteration of the loop at '%loop' (depth 1), reserved at the entry of the loop at '%loop' (trip counts known there)
; PERF-NEXT:   %acc = phi (8 bytes): defined in a loop, so each iteration has its own value
; PERF-NEXT:   %i = phi: rebuilt from the iteration the reverse loop is at
; PERF-NEXT:   %fi = uitofp: rebuilt in the reverse pass from its operands
; PERF-NEXT:   %t = fadd: rebuilt in the reverse pass from its operands
; Nothing else: no other block saves anything.
; PERF-NOT:  saves
; PERF-NOT:  came.from

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
; Before the loop: trips = max(n, 1) (from ScalarEvolution), the array's
; bytes trips x 16, reserved with one push (inlined: size += bytes).
; CHECK:         [[SMAX:%.*]] = call i32 @llvm.smax.i32(i32 %n, i32 1)
; CHECK:         [[TRIPS:%.*]] = add nuw nsw i64 {{%.*}}, 1
; CHECK-NEXT:    [[BYTES:%.*]] = mul nuw i64 [[TRIPS]], 8
; CHECK:         %array.offset = load i64, ptr [[SIZEP:%.*]], align
; CHECK:         [[SIZE:%.*]] = load i64, ptr
; CHECK:         add i64 [[SIZE]], {{%.*}}
; CHECK:         call ptr @realloc(
; CHECK:         %loop.array = add nuw i64 %array.offset, 0
; The forward loop: an iteration counter, no predecessor index; record i
; is at array + 16 i from the tape's base.
; CHECK:       loop:
; CHECK-NEXT:    %iteration = phi i64 [ %iteration.next, %loop ], [ 0, %{{.*}} ]
; CHECK-NOT:     came.from
; CHECK:         %t = fadd double
; CHECK-NEXT:    %acc.next = fmul double %acc, %t
; CHECK:         %iteration.next = add nuw i64 %iteration, 1
; CHECK:         [[BASE:%.*]] = load ptr, ptr
; CHECK-NEXT:    [[OFF:%.*]] = mul nuw i64 %iteration, 8
; CHECK-NEXT:    [[AT:%.*]] = add nuw i64 %loop.array, [[OFF]]
; CHECK-NEXT:    %record = getelementptr i8, ptr [[BASE]], i64 [[AT]]
; CHECK-NEXT:    [[P0:%.*]] = getelementptr inbounds i8, ptr %record, i64 0
; CHECK-NEXT:    store double %acc, ptr [[P0]], align 1
; CHECK-NEXT:    br i1 %{{.*}}, label %loop, label %exit
; No push in the loop or after it.
; CHECK:       exit:
; CHECK-NOT:     realloc
; CHECK:         br label %reverse.entry

; Leaving the reverse loop for the reverse of entry releases the array.
; CHECK:       rev.entry:
; CHECK-NEXT:    [[ARRAYS:%.*]] = load i64, ptr %array.offset.handed
; CHECK-NEXT:    [[RSIZEP:%.*]] = getelementptr inbounds { ptr, i64, i64 }, ptr %tape, i32 0, i32 1
; CHECK-NEXT:    store i64 [[ARRAYS]], ptr [[RSIZEP]]

; The reverse loop reads record i back, and came from entry at i = 0.
; CHECK:       rev.loop:
; CHECK:         [[RBASE:%.*]] = load ptr, ptr
; CHECK-NEXT:    [[RARRAY:%.*]] = load i64, ptr %loop.array.handed
; CHECK-NEXT:    [[I:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    [[ROFF:%.*]] = mul nuw i64 [[I]], 8
; CHECK-NEXT:    [[RAT:%.*]] = add nuw i64 [[RARRAY]], [[ROFF]]
; CHECK-NEXT:    [[RREC:%record[0-9]*]] = getelementptr i8, ptr [[RBASE]], i64 [[RAT]]
; CHECK-NEXT:    [[R0:%.*]] = getelementptr inbounds i8, ptr [[RREC]], i64 0
; CHECK-NEXT:    %acc.rev = load double, ptr [[R0]], align 1
; CHECK-NEXT:    [[I2:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    [[FIRST:%.*]] = icmp eq i64 [[I2]], 0
; CHECK-NEXT:    [[FROM:%.*]] = select i1 [[FIRST]], i32 1, i32 0
; i = 0 + 1 * iteration, then t = uitofp(i) + x again.
; CHECK-NEXT:    [[I4:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    [[MUL:%.*]] = mul i64 1, [[I4]]
; CHECK-NEXT:    [[ADD:%.*]] = add i64 0, [[MUL]]
; CHECK-NEXT:    %i.rev = trunc i64 [[ADD]] to i32
; CHECK-NEXT:    %fi.rev = uitofp nneg i32 %i.rev to double
; CHECK-NEXT:    %t.rev = fadd double %fi.rev, %x
; adjoint(acc) += t a, adjoint(t) += acc a, with the values read back.
; CHECK-NEXT:    [[A:%.*]] = load double, ptr %acc.next.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %acc.next.adj
; CHECK-NEXT:    [[DACC:%.*]] = fmul double %t.rev, [[A]]
; CHECK-NEXT:    [[ACC0:%.*]] = load double, ptr %acc.adj
; CHECK-NEXT:    [[ACC1:%.*]] = fadd double [[ACC0]], [[DACC]]
; CHECK-NEXT:    store double [[ACC1]], ptr %acc.adj
; CHECK-NEXT:    [[DT:%.*]] = fmul double %acc.rev, [[A]]
; CHECK-NEXT:    [[T0:%.*]] = load double, ptr %t.adj
; CHECK-NEXT:    [[T1:%.*]] = fadd double [[T0]], [[DT]]
; CHECK-NEXT:    store double [[T1]], ptr %t.adj
; t = fi + x: x's adjoint gets t's (fi is an integer conversion: none).
; CHECK-NEXT:    [[AT2:%.*]] = load double, ptr %t.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %t.adj
; CHECK-NEXT:    [[X0:%.*]] = load double, ptr %x.adj
; CHECK-NEXT:    [[X1:%.*]] = fadd double [[X0]], [[AT2]]
; CHECK-NEXT:    store double [[X1]], ptr %x.adj
; One iteration back, then around the loop or out to the reverse of entry.
; CHECK:         [[I3:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    [[PREV:%.*]] = sub i64 [[I3]], 1
; CHECK-NEXT:    store i64 [[PREV]], ptr %loop.iteration
; CHECK-NEXT:    switch i32 [[FROM]], label %rev.loop [
; CHECK-NEXT:      i32 1, label %rev.entry
; CHECK-NEXT:    ]
; Entering the reverse loop: where the arrays are, the trip count, and the
; last iteration to start from.
; CHECK:       rev.exit:
; CHECK-NEXT:    store i64 [[TRIPS]], ptr %loop.trips.handed
; CHECK-NEXT:    store i64 %array.offset, ptr %array.offset.handed
; CHECK-NEXT:    store i64 %loop.array, ptr %loop.array.handed
; CHECK-NEXT:    [[T:%.*]] = load i64, ptr %loop.trips.handed
; CHECK-NEXT:    [[LAST:%.*]] = sub i64 [[T]], 1
; CHECK-NEXT:    store i64 [[LAST]], ptr %loop.iteration
; CHECK-NEXT:    br label %rev.loop
; CHECK:       gradient.return:
; CHECK:         call void @free(
