; A counted loop with a bounds check that panics (Rust's `x[i]`; C's assert
; is the same shape): the panic exit never returns, so if it is taken the
; reverse pass never runs, and the loop is still counted: its records go in
; an array indexed by the iteration, not on the stack.
;   p = 1; for (i = 0; i < n; ++i) { if (i >= len) panic(); p *= x[i]; } return p
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s

; PERF: adjoint: perf: revdiff.f.dcc: block '%check' saves 8 bytes per iteration, in an array indexed by the iteration of the loop at '%loop'
; PERF-NOT: on the stack

define internal double @f(ptr %x, i64 %n, i64 %len) {
entry:
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %exit, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %check ]
  %p = phi double [ 1.000000e+00, %entry ], [ %p.next, %check ]
  %in = icmp ult i64 %i, %len
  br i1 %in, label %check, label %panic

check:
  %a = getelementptr inbounds double, ptr %x, i64 %i
  %v = load double, ptr %a
  %p.next = fmul double %p, %v
  %i.next = add nuw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %exit

panic:
  call void @panic_bounds_check(i64 %i, i64 %len)
  unreachable

exit:
  %r = phi double [ 1.000000e+00, %entry ], [ %p.next, %check ]
  ret double %r
}

declare void @panic_bounds_check(i64, i64) noreturn nounwind

declare void @__enzyme_autodiff(ptr, ...)

define void @df(ptr %x, ptr %dx, i64 %n, i64 %len) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %n, i64 %len)
  ret void
}

; The gradient still has the panic path of its forward pass, and no tape
; stack: the array is reserved once, before the loop.
; CHECK-LABEL: define internal void @revdiff.f.dcc(
; CHECK: call void @panic_bounds_check
