; A local array the function writes does not make the input count as
; overwritable, however many uses the array has: whether it escapes is
; decided by following every use. (LLVM's capture tracking gives up after
; its budget of uses, 100 by default, and says "captured": a gmm objective
; with 33 components then saved every load of its input on the tape and
; ran five times slower. The budget is lowered to 1 here to show it.)
; The load of %x in the loop is re-read in the reverse pass, not saved.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -capture-tracking-max-uses-to-explore=1 \
; RUN:   -disable-output %s | FileCheck %s

define internal double @f(ptr %x, i64 %n, i64 %k) {
entry:
  %t = alloca [2 x double]
  store double 1.0, ptr %t
  %t1 = getelementptr double, ptr %t, i64 1
  store double 2.0, ptr %t1
  %tk = getelementptr double, ptr %t, i64 %k
  %c0 = load double, ptr %tk
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %sq = fmul double %v, %v
  %w = fmul double %sq, %c0
  %acc.next = fadd double %acc, %w
  %i.next = add i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret double %acc.next
}

declare double @__enzyme_autodiff(...)

define void @grad(ptr %x, ptr %dx, i64 %n, i64 %k) {
  %r = call double (...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %n, i64 %k)
  ret void
}

; CHECK: adjoint: perf: revdiff.f
; CHECK-NOT: %v = load {{.*}}bytes
; CHECK: %v = load: rebuilt in the reverse pass
