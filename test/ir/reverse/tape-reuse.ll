; Tape storage is reused across gradient calls: a tape without storage
; first takes the thread's spare block (adjoint.tape.spare, thread-local),
; and the reverse pass releases its storage into the spare when it is
; larger than the spare (freeing the old spare), else frees it. A tape of
; tens of megabytes would otherwise get fresh mmap pages, and their page
; faults, on every call. -adjoint-reuse-tape=0 frees every tape.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -adjoint-reuse-tape=0 -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF

define internal double @f(ptr %x, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %e = call double @llvm.exp.f64(double %v)
  store double 0.0, ptr %p
  %acc.next = fadd double %acc, %e
  %i.next = add i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret double %acc.next
}

declare double @llvm.exp.f64(double)
declare double @__enzyme_autodiff(...)

define void @grad(ptr %x, ptr %dx, i64 %n) {
  %r = call double (...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %n)
  ret void
}

; CHECK: @adjoint.tape.spare = internal thread_local global { ptr, i64 } zeroinitializer
; CHECK-LABEL: define internal {{.*}} @revdiff.f
; CHECK: call void @adjoint.tape.release(ptr
; CHECK-LABEL: define internal ptr @adjoint.tape.push(
; CHECK:       take.spare:
; CHECK:         load ptr, ptr @adjoint.tape.spare
; CHECK:         store { ptr, i64 } zeroinitializer, ptr @adjoint.tape.spare
; CHECK:       realloc:
; CHECK:         call ptr @realloc(
; CHECK-LABEL: define internal void @adjoint.tape.release(ptr %0)
; CHECK:         call i64 @malloc_usable_size(ptr %0)
; CHECK:       keep:
; CHECK:         call void @free(ptr
; CHECK:         store ptr %0, ptr @adjoint.tape.spare
; CHECK:       drop:
; CHECK:         call void @free(ptr %0)

; OFF-NOT: adjoint.tape.spare
; OFF-NOT: adjoint.tape.release
; OFF: call void @free(ptr
