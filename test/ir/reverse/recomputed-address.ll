; A loop reading x[i] through a duplicated pointer. The reverse of the load
; adds the load's adjoint into the shadow element it mirrors, x.shadow[i],
; so the reverse block needs that address. Nothing is saved for it: the
; address (a getelementptr on the shadow argument) and the index extension
; are cheap to rebuild from their operands, and the index %i itself, an
; induction variable of a counted loop (0, 1, ...), is rebuilt from the
; iteration the reverse loop is at; the reverse loop also knows from that
; count when it is back at the entry. So the loop saves nothing, where
; saving the pointer and the predecessor would take 16 bytes per
; iteration. The primal address %p is not needed at all, nor is the loaded
; value (fadd's partials are constants).
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; PERF:      adjoint: perf: revdiff.f.dc: block '%loop' saves nothing: its reverse rebuilds what it reads
; PERF-NEXT:   %i = phi: rebuilt from the iteration the reverse loop is at
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
; CHECK-NEXT:    %p = getelementptr inbounds {{(nuw )?}}double, ptr %x, i64 %idx
; CHECK-NEXT:    %p.shadow = getelementptr inbounds double, ptr %x.shadow, i64 %idx
; ... but records nothing: no tape at all.
; CHECK-NOT:     realloc
; CHECK-NOT:     %record
; CHECK:         br i1

; The reverse loop rebuilds i from its iteration count, then the shadow
; address from i and the shadow argument; the load's adjoint goes into
; x.shadow[i].
; CHECK:       rev.loop:
; CHECK-NOT:     %record
; CHECK:         [[IT0:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    icmp eq i64 [[IT0]], 0
; CHECK-NEXT:    select i1
; CHECK-NEXT:    [[IT:%.*]] = load i64, ptr %loop.iteration
; CHECK-NEXT:    [[MUL:%.*]] = mul i64 1, [[IT]]
; CHECK-NEXT:    [[ADD:%.*]] = add i64 0, [[MUL]]
; CHECK-NEXT:    %i.rev = trunc i64 [[ADD]] to i32
; CHECK-NEXT:    %idx.rev = [[EXT]] {{.*}}i32 %i.rev to i64
; CHECK-NEXT:    %p.shadow.rev = getelementptr inbounds double, ptr %x.shadow, i64 %idx.rev
; CHECK-NOT:     %p.rev
; CHECK:         store double {{%.*}}, ptr %v.adj
; CHECK-NEXT:    [[AV:%.*]] = load double, ptr %v.adj
; CHECK-NEXT:    store double -0.000000e+00, ptr %v.adj
; CHECK-NEXT:    [[OLD:%.*]] = load double, ptr %p.shadow.rev, align 8
; CHECK-NEXT:    [[NEW:%.*]] = fadd double [[OLD]], [[AV]]
; CHECK-NEXT:    store double [[NEW]], ptr %p.shadow.rev, align 8
; CHECK:         switch i32
; CHECK-NOT:     call void @free(
