; An offset from null (the end pointer of an empty std::vector, null + n)
; merged by a phi with a pointer into memory with a shadow: no memory, so no
; shadow memory is missing. Both modes once reported "a pointer here may
; point to memory without a shadow" (clang 22's -O2 code for a vector copy).
; The phi's shadow is null (forward) or null + n (reverse), never read.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

define internal double @f(ptr %x, i64 %n, i1 %empty) {
entry:
  br i1 %empty, label %none, label %some
none:
  %end0 = getelementptr inbounds i8, ptr null, i64 %n
  br label %join
some:
  %end1 = getelementptr inbounds double, ptr %x, i64 %n
  br label %join
join:
  %begin = phi ptr [ null, %none ], [ %x, %some ]
  %end = phi ptr [ %end0, %none ], [ %end1, %some ]
  %same = icmp eq ptr %begin, %end
  br i1 %same, label %done, label %read
read:
  %v = load double, ptr %begin, align 8
  %sq = fmul double %v, %v
  br label %done
done:
  %r = phi double [ 0.0, %join ], [ %sq, %read ]
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)
declare void @__enzyme_autodiff(ptr, ...)

define double @df(ptr %x, ptr %dx, i64 %n, i1 %empty) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx, i64 %n, i1 %empty)
  ret double %r
}

define void @gf(ptr %x, ptr %gx, i64 %n, i1 %empty) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %gx, i64 %n, i1 %empty)
  ret void
}

; (The phis become selects before differentiation.)
; CHECK-LABEL: define internal { double, double } @fwddiff.f.100(ptr %x, ptr %x.shadow, i64 %n, i1 %empty)
; The tangent reads through the begin pointer's shadow: x's, or null when empty.
; CHECK:         [[BEGIN:%.*]] = select i1 %empty, ptr null, ptr %x.shadow
; CHECK:         %v.tan = load double, ptr [[BEGIN]]
; CHECK-LABEL: define internal void @revdiff.f.dcc(ptr %x, ptr %x.shadow, i64 %n, i1 %empty)
; CHECK:         %end0.zero = getelementptr inbounds i8, ptr null, i64 %n
; CHECK:         select i1 %empty, ptr %end0.zero, ptr %end1.shadow
; OPT-LABEL: define double @df(
; OPT-LABEL: define void @gf(
