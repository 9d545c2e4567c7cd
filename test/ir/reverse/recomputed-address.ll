; A loop reading x[i] through a duplicated pointer. The reverse of the load
; adds the load's adjoint into the shadow element it mirrors, x.shadow[i],
; so the reverse block needs that address. It is not saved: the address
; (a getelementptr on the shadow argument) and the index extension are
; cheap to rebuild in the reverse block from their operands, so the record
; holds only the loop index %i (an i32) and which predecessor ran (an i32):
; 4 + 4 = 8 bytes, where saving the pointer would take 8 + 4 -> 16. The
; primal address %p is not needed at all, nor is the loaded value (fadd's
; partials are constants).
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; PERF:      adjoint: perf: revdiff.f.dc: block 'loop' saves 8 bytes on the tape per execution (in a loop of depth 1)
; PERF-NEXT:   %i = phi (4 bytes): defined in a loop, so each iteration has its own value
; PERF-NEXT:   %came.from: which of 2 predecessors ran (the reverse pass goes back that way)
; Operands before the values built from them.
; PERF-NEXT:   %idx = {{[sz]ext}}: rebuilt in the reverse pass from its operands
; PERF-NEXT:   %p.shadow = getelementptr: rebuilt in the reverse pass from its operands
; PERF-NOT:  saves
; PERF-NOT:  %p =
; PERF-NOT:  %v

; sum of x[i] for i < n
define internal double @f(ptr %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %idx = sext i32 %i to i64
  %p = getelementptr inbounds double, ptr %x, i64 %idx
  %v = load double, ptr %p, align 8
  %acc.next = fadd double %acc, %v
  %i.next = add nsw i32 %i, 1
  %done = icmp sge i32 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

@enzyme_const = external global i32
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)

define void @df(ptr %x, ptr %dx, i32 %n) {
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %c, i32 %n)
  ret void
}

; CHECK-LABEL: define void @df(
; CHECK:         call void @revdiff.f.dc(ptr %x, ptr %dx, i32 %n)

; No active argument: the gradient returns nothing, the shadow accumulates.
; CHECK-LABEL: define internal void @revdiff.f.dc(ptr %x, ptr %x.shadow, i32 %n)
; The forward pass computes the shadow address beside the primal one ...
; CHECK:       loop:
; CHECK:         %idx = [[EXT:[sz]ext]] {{.*}}i32 %i to i64
; CHECK-NEXT:    %p = getelementptr inbounds double, ptr %x, i64 %idx
; CHECK-NEXT:    %p.shadow = getelementptr inbounds double, ptr %x.shadow, i64 %idx
; ... but records only the index and the predecessor.
; CHECK:         add i64 {{%.*}}, 8
; CHECK:         [[REC:%.*]] = getelementptr i8, ptr {{%.*}}, i64 {{%.*}}
; CHECK-NEXT:    [[P0:%.*]] = getelementptr inbounds i8, ptr [[REC]], i64 0
; CHECK-NEXT:    store i32 %i, ptr [[P0]], align 1
; CHECK-NEXT:    [[P4:%.*]] = getelementptr inbounds i8, ptr [[REC]], i64 4
; CHECK-NEXT:    store i32 %came.from, ptr [[P4]], align 1
; CHECK-NEXT:    br i1
; CHECK-NOT:     store ptr %p

; The reverse loop pops the index and rebuilds the shadow address from it
; and the shadow argument; the load's adjoint goes into x.shadow[i].
; CHECK:       rev.loop:
; CHECK:         sub i64 {{%.*}}, 8
; CHECK:         %i.rev = load i32, ptr {{%.*}}, align 1
; CHECK:         %came.from.rev = load i32, ptr {{%.*}}, align 1
; CHECK-NEXT:    %idx.rev = [[EXT]] {{.*}}i32 %i.rev to i64
; CHECK-NEXT:    %p.shadow.rev = getelementptr inbounds double, ptr %x.shadow, i64 %idx.rev
; CHECK-NOT:     %p.rev
; CHECK:         store double {{%.*}}, ptr %v.adj
; CHECK-NEXT:    [[AV:%.*]] = load double, ptr %v.adj
; CHECK-NEXT:    store double 0.000000e+00, ptr %v.adj
; CHECK-NEXT:    [[OLD:%.*]] = load double, ptr %p.shadow.rev, align 8
; CHECK-NEXT:    [[NEW:%.*]] = fadd double [[OLD]], [[AV]]
; CHECK-NEXT:    store double [[NEW]], ptr %p.shadow.rev, align 8
; CHECK:         switch i32 %came.from.rev, label %rev.loop [
; CHECK-NEXT:      i32 1, label %rev.entry
; CHECK-NEXT:    ]
