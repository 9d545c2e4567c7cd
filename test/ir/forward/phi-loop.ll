; Tangents through loops: an active PHI gets a tangent PHI in the same
; block, whose incoming values are the tangents of the primal's incoming
; values (zero for constants), the back edge included. Inactive PHIs (the
; induction variable) get none.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

; sum over i < n of x * x
define internal double @f(double %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %sq = fmul double %x, %x
  %acc.next = fadd double %acc, %sq
  %i.next = add i32 %i, 1
  %done = icmp sge i32 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

; sum over i < n of p[i], walking a pointer: the shadow walks with it.
define internal double @g(ptr %p, ptr %end) {
entry:
  br label %loop

loop:
  %cur = phi ptr [ %p, %entry ], [ %next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %v = load double, ptr %cur, align 8
  %acc.next = fadd double %acc, %v
  %next = getelementptr inbounds double, ptr %cur, i64 1
  %done = icmp eq ptr %next, %end
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(double %x, double %dx, i32 %n) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %n)
  ret double %r
}

@enzyme_const = external global i32

define double @dg(ptr %p, ptr %dp, ptr %end) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, ptr %p, ptr %dp, i32 %c, ptr %end)
  ret double %r
}

; Requests are served last to first, so the tangent of g comes first.

; The pointer PHI gets a shadow PHI starting at the shadow of p; the GEP
; and the load are mirrored on it.
; CHECK-LABEL: define internal { double, double } @fwddiff.g.10(ptr %p, ptr %p.shadow, ptr %end)
; CHECK:       loop:
; CHECK-DAG:     %cur.tan = phi ptr [ %p.shadow, %entry ], [ %next.shadow, %loop ]
; CHECK-DAG:     %acc.tan = phi double [ 0.000000e+00, %entry ], [ [[DACC_NEXT:%.*]], %loop ]
; CHECK:         %v = load double, ptr %cur, align 8
; CHECK-NEXT:    %v.tan = load double, ptr %cur.tan, align 8
; CHECK:         [[DACC_NEXT]] = fadd double %acc.tan, %v.tan
; CHECK:         %next.shadow = getelementptr inbounds i8, ptr %cur.tan, i64 8
; CHECK:       exit:
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DACC_NEXT]], 1

; CHECK-LABEL: define internal { double, double } @fwddiff.f.10(double %x, double %x.shadow, i32 %n)
; CHECK:       loop:
; CHECK-NOT:     %i.tan
; CHECK:         %acc.tan = phi double [ 0.000000e+00, %entry ], [ [[DACC_NEXT:%.*]], %loop ]
; CHECK:         %acc = phi double [ 0.000000e+00, %entry ], [ %acc.next, %loop ]
; d(x * x) = x dx + x dx
; CHECK:         %sq = fmul double %x, %x
; CHECK-NEXT:    [[T1:%.*]] = fmul double %x, %x.shadow
; CHECK-NEXT:    [[T2:%.*]] = fmul double %x, %x.shadow
; CHECK-NEXT:    [[DSQ:%.*]] = fadd double [[T1]], [[T2]]
; CHECK-NEXT:    %acc.next = fadd double %acc, %sq
; CHECK-NEXT:    [[DACC_NEXT]] = fadd double %acc.tan, [[DSQ]]
; CHECK:       exit:
; CHECK:         insertvalue { double, double } {{%.*}}, double [[DACC_NEXT]], 1
; CHECK-NOT:     %i.tan

; Re-optimized: d(x*x) is loop-invariant and hoisted; the tangent PHI stays.
; OPT-LABEL: define internal { double, double } @fwddiff.f.10(
; OPT:       entry:
; OPT:         [[XDX:%.*]] = fmul double {{%x, %x.shadow|%x.shadow, %x}}{{$}}
; OPT-NEXT:    [[DSQ:%.*]] = fadd double [[XDX]], [[XDX]]
; OPT:       loop:
; OPT:         %acc.tan = phi double [ 0.000000e+00, %entry ], [ [[DACC_NEXT:%.*]], %loop ]
; OPT:         [[DACC_NEXT]] = fadd double [[DSQ]], %acc.tan
