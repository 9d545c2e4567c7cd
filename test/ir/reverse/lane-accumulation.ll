; A vectorized 3-point stencil reads a[k-1..k], a[k..k+1] and a[k+1..k+2]
; as <2 x double>. Their adjoints go into the shadow lane by lane: as
; vectors, the reverse loop's read-modify-writes of one iteration would
; partly overlap those of the next, and a vector load that partly overlaps
; an earlier vector store waits for it to reach the cache (the 2-D stencil
; benchmark ran 2.5x slower). The store b[k..k+1], which overlaps no other
; access, keeps its vector form.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

define internal void @f(ptr %a, ptr %b, i64 %n) {
entry:
  br label %loop
loop:
  %k = phi i64 [ 1, %entry ], [ %k.next, %loop ]
  %p = getelementptr double, ptr %a, i64 %k
  %pm = getelementptr i8, ptr %p, i64 -8
  %pp = getelementptr i8, ptr %p, i64 8
  %l = load <2 x double>, ptr %pm, align 8
  %c = load <2 x double>, ptr %p, align 8
  %r = load <2 x double>, ptr %pp, align 8
  %s = fadd <2 x double> %l, %r
  %t = fmul <2 x double> %c, %s
  %q = getelementptr double, ptr %b, i64 %k
  store <2 x double> %t, ptr %q, align 8
  %k.next = add i64 %k, 2
  %done = icmp uge i64 %k.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

declare void @__enzyme_autodiff(...)

define void @grad(ptr %a, ptr %da, ptr %b, ptr %db, i64 %n) {
  call void (...) @__enzyme_autodiff(ptr @f, ptr %a, ptr %da, ptr %b, ptr %db, i64 %n)
  ret void
}

; CHECK-LABEL: define internal void @revdiff.f
; CHECK:       rev.loop:
; The store's reverse: the shadow of b[k..k+1] as a vector.
; CHECK:         load <2 x double>, ptr %q.shadow.rev
; CHECK:         store <2 x double> zeroinitializer, ptr %q.shadow.rev
; The loads' reverses: two lanes each, never a vector access of a's shadow.
; CHECK-NOT:     <2 x double>, ptr %p{{[mp]?}}.shadow.rev
; CHECK:         [[R0:%.*]] = getelementptr inbounds double, ptr %pp.shadow.rev, i64 0
; CHECK-NEXT:    load double, ptr [[R0]]
; CHECK:         store double {{.*}}, ptr [[R0]]
; CHECK:         getelementptr inbounds double, ptr %pp.shadow.rev, i64 1
; CHECK:         getelementptr inbounds double, ptr %p.shadow.rev, i64 0
; CHECK:         getelementptr inbounds double, ptr %p.shadow.rev, i64 1
; CHECK:         getelementptr inbounds double, ptr %pm.shadow.rev, i64 0
; CHECK:         getelementptr inbounds double, ptr %pm.shadow.rev, i64 1
; CHECK-NOT:     <2 x double>, ptr %p{{[mp]?}}.shadow.rev
; CHECK:       rev.exit:
