; The re-optimization packs a gradient's neighbouring shadow updates into
; vectors (SLP), except in a gradient whose reverse loop updates the shadow
; of one element in nearby iterations: @stencil reads a[k-1], a[k], a[k+1],
; so the element a[k] is updated by three consecutive iterations, and
; packed updates would overlap from one iteration to the next (the vector
; load waits for the partly overlapping store to reach the cache). Such a
; gradient is marked adjoint-no-slp until the re-optimization (which
; removes the mark). @pairs reads a[2k] and a[2k+1]: every element once.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

define internal void @stencil(ptr %a, ptr %b, i64 %n) {
entry:
  br label %loop
loop:
  %k = phi i64 [ 1, %entry ], [ %k.next, %loop ]
  %pm = getelementptr double, ptr %a, i64 %k
  %l = load double, ptr %pm, align 8
  %k1 = add i64 %k, 1
  %pc = getelementptr double, ptr %a, i64 %k1
  %c = load double, ptr %pc, align 8
  %k2 = add i64 %k, 2
  %pp = getelementptr double, ptr %a, i64 %k2
  %r = load double, ptr %pp, align 8
  %s = fadd double %l, %r
  %t = fmul double %c, %s
  %q = getelementptr double, ptr %b, i64 %k
  store double %t, ptr %q, align 8
  %k.next = add i64 %k, 1
  %done = icmp uge i64 %k.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define internal void @pairs(ptr %a, ptr %b, i64 %n) {
entry:
  br label %loop
loop:
  %k = phi i64 [ 0, %entry ], [ %k.next, %loop ]
  %i0 = shl i64 %k, 1
  %p0 = getelementptr double, ptr %a, i64 %i0
  %x0 = load double, ptr %p0, align 8
  %i1 = or disjoint i64 %i0, 1
  %p1 = getelementptr double, ptr %a, i64 %i1
  %x1 = load double, ptr %p1, align 8
  %t = fmul double %x0, %x1
  %q = getelementptr double, ptr %b, i64 %k
  store double %t, ptr %q, align 8
  %k.next = add i64 %k, 1
  %done = icmp uge i64 %k.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

declare void @__enzyme_autodiff(...)

define void @grad(ptr %a, ptr %da, ptr %b, ptr %db, i64 %n) {
  call void (...) @__enzyme_autodiff(ptr @stencil, ptr %a, ptr %da, ptr %b, ptr %db, i64 %n)
  call void (...) @__enzyme_autodiff(ptr @pairs, ptr %a, ptr %da, ptr %b, ptr %db, i64 %n)
  ret void
}

; CHECK-DAG: define internal void @revdiff.pairs{{.*}}) {
; CHECK-DAG: define internal void @revdiff.stencil{{.*}} #[[NOSLP:[0-9]+]] {
; CHECK: attributes #[[NOSLP]] = { "adjoint-no-slp" }

; OPT-NOT: adjoint-no-slp
