; An if/else diamond outside loops. The join block has two predecessors;
; it runs once (outside loops, dominating the return), so its reverse block
; reads which one ran directly from the forward phi %came.from (no tape
; record) and switches on it to go back into the reverse of that arm. The then-arm's %t does not dominate the return (the else path skips
; it), so the then-block saves it for the reverse of t * t (t = exp(x):
; a call, which is saved rather than rebuilt). The else-arm
; needs nothing (x * 3: the partial is the constant) and saves nothing.
; The join's own phi %r and the argument %x are read directly by the
; reverse of s = r * x: both are defined outside loops in blocks that
; dominate the return. The calls keep the arms from being merged into a
; select by the normalization that runs before differentiation.
; RUN: %opt-adjoint -passes=adjoint -adjoint-print-perf -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=PERF
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s

; Not in a loop: no "(in a loop of depth N)".
; PERF:      adjoint: perf: revdiff.f.o: block '%then' saves 8 bytes on the tape per execution{{$}}
; PERF-NEXT:   %t = call (8 bytes): defined on a path that does not reach every return
; PERF-NOT:  saves
; PERF-NOT:  %r =

define internal double @f(double %x) {
entry:
  %pos = fcmp ogt double %x, 0.0
  br i1 %pos, label %then, label %else

then:
  call void @took.then()
  %t = call double @llvm.exp.f64(double %x)
  %a = fmul double %t, %t
  br label %join

else:
  call void @took.else()
  %b = fmul double %x, 3.0
  br label %join

join:
  %r = phi double [ %a, %then ], [ %b, %else ]
  %s = fmul double %r, %x
  ret double %s
}
declare void @took.then()
declare double @llvm.exp.f64(double)
declare void @took.else()

declare double @__enzyme_autodiff(ptr, ...)

define double @df(double %x) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

; CHECK-LABEL: define internal { double } @revdiff.f.o(double %x)
; CHECK:       then:
; CHECK:         %t = call double @llvm.exp.f64(double %x)
; CHECK:         add i64 {{%.*}}, 8
; The push's growth check splits the block; the record is stored at the end.
; CHECK:       {{^}}[[THENEND:[a-zA-Z0-9._]+]]: {{.*}}; preds = %then,
; CHECK:         store double %t, ptr {{%.*}}, align 1
; CHECK-NEXT:    br label %join
; CHECK:       else:
; CHECK-NEXT:    call void @took.else()
; CHECK-NEXT:    %b = fmul double %x, 3.000000e+00
; CHECK-NEXT:    br label %join
; The predecessor index: 0 for else, 1 for then (the order of the
; join's predecessor list).
; CHECK:       join:
; CHECK-NEXT:    %came.from = phi i32 [ 0, %else ], [ 1, %[[THENEND]] ]
; CHECK-NEXT:    %r = phi double [ %a, %[[THENEND]] ], [ %b, %else ]
; CHECK-NEXT:    %s = fmul double %r, %x
; CHECK-NOT:     store i32 %came.from
; CHECK-NOT:     store double %r
; CHECK:         br label %rev.join

; The else arm's reverse pops nothing.
; CHECK:       rev.else:
; CHECK-NOT:     %record
; CHECK:         fmul double 3.000000e+00,
; CHECK-NEXT:    load double, ptr %x.adj
; CHECK:         br label %rev.entry
; The then arm's reverse pops %t and uses it for both partials of t * t.
; CHECK:       rev.then:
; CHECK:         sub i64 {{%.*}}, 8
; CHECK:         %t.rev = load double, ptr {{%.*}}, align 1
; CHECK:         fmul double %t.rev,
; CHECK:         fmul double %t.rev,
; CHECK:         br label %rev.entry
; The join's reverse reads the predecessor and %r directly, sends the
; phi's adjoint to the incoming value of the arm that ran, and branches
; back into that arm.
; CHECK:       rev.join:
; CHECK-NOT:     %record
; CHECK:         fmul double %r,
; CHECK:         [[ELSE:%.*]] = icmp eq i32 %came.from, 0
; CHECK-NEXT:    [[TOB:%.*]] = select i1 [[ELSE]], double [[AR:%.*]], double 0.000000e+00
; CHECK-NEXT:    [[B0:%.*]] = load double, ptr %b.adj
; CHECK-NEXT:    [[B1:%.*]] = fadd double [[B0]], [[TOB]]
; CHECK-NEXT:    store double [[B1]], ptr %b.adj
; CHECK-NEXT:    [[THEN:%.*]] = icmp eq i32 %came.from, 1
; CHECK-NEXT:    [[TOA:%.*]] = select i1 [[THEN]], double [[AR]], double 0.000000e+00
; CHECK-NEXT:    [[A0:%.*]] = load double, ptr %a.adj
; CHECK-NEXT:    [[A1:%.*]] = fadd double [[A0]], [[TOA]]
; CHECK-NEXT:    store double [[A1]], ptr %a.adj
; CHECK-NEXT:    switch i32 %came.from, label %rev.else [
; CHECK-NEXT:      i32 1, label %rev.then
; CHECK-NEXT:    ]
