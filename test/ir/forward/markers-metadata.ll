; Markers are recognized in every form a front end produces: a load of the
; marker global (C passes `enzyme_dup` by value), the global's address, and
; a metadata string. They select the activity and are not passed on. After
; the pass, the marker loads and the entry-point declaration are gone; a
; marker still read by other code gets a (weak, zero) definition so that
; the program links without a runtime library.
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s

; CHECK-DAG: @enzyme_dup = external global i32
; CHECK-DAG: @enzyme_const = {{.*}}global i32
; CHECK-DAG: @enzyme_dupnoneed = external global i32
; CHECK-DAG: @enzyme_width = weak global i32 0
@enzyme_dup = external global i32
@enzyme_const = external global i32
@enzyme_dupnoneed = external global i32
@enzyme_width = external global i32

; f(x, y, p) = x * y + p[0]
define internal double @f(double %x, double %y, ptr %p) {
  %m = fmul double %x, %y
  %v = load double, ptr %p, align 8
  %a = fadd double %m, %v
  ret double %a
}

declare double @__enzyme_fwddiff(ptr, ...)
; CHECK-NOT: declare {{.*}} @__enzyme_fwddiff

; Loads of the marker globals: x duplicated, y constant, p duplicated
; (dupnoneed needs the same tangent function as dup).
; CHECK-LABEL: define double @by_value(
; CHECK-NEXT:    [[C:%.*]] = call { double, double } @fwddiff.f.101(double %x, double %dx, double %y, ptr %p, ptr %dp)
; CHECK-NEXT:    [[T:%.*]] = extractvalue { double, double } [[C]], 1
; CHECK-NEXT:    ret double [[T]]
define double @by_value(double %x, double %dx, double %y, ptr %p, ptr %dp) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  %noneed = load i32, ptr @enzyme_dupnoneed
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %dup, double %x, double %dx, i32 %const, double %y, i32 %noneed, ptr %p, ptr %dp)
  ret double %r
}

; The addresses of the globals (also through ptrtoint): x constant, y
; duplicated, p constant.
; CHECK-LABEL: define double @by_address(
; CHECK-NEXT:    [[C:%.*]] = call { double, double } @fwddiff.f.010(double %x, double %y, double %dy, ptr %p)
; CHECK-NEXT:    [[T:%.*]] = extractvalue { double, double } [[C]], 1
; CHECK-NEXT:    ret double [[T]]
define double @by_address(double %x, double %y, double %dy, ptr %p) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_const, double %x, ptr @enzyme_dup, double %y, double %dy, i64 ptrtoint (ptr @enzyme_const to i64), ptr %p)
  ret double %r
}

; Metadata strings: the same activities as by_value, so the same tangent.
; CHECK-LABEL: define double @as_metadata(
; CHECK-NEXT:    [[C:%.*]] = call { double, double } @fwddiff.f.101(double %x, double %dx, double %y, ptr %p, ptr %dp)
; CHECK-NEXT:    [[T:%.*]] = extractvalue { double, double } [[C]], 1
; CHECK-NEXT:    ret double [[T]]
define double @as_metadata(double %x, double %dx, double %y, ptr %p, ptr %dp) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, metadata !"enzyme_dup", double %x, double %dx, metadata !"enzyme_const", double %y, metadata !"enzyme_dup", ptr %p, ptr %dp)
  ret double %r
}

; Code that reads a marker for another purpose keeps its load.
; CHECK-LABEL: define i32 @reads_marker(
; CHECK-NEXT:    %w = load i32, ptr @enzyme_width
define i32 @reads_marker() {
  %w = load i32, ptr @enzyme_width
  ret i32 %w
}

; CHECK-NOT: load i32, ptr @enzyme_dup
; CHECK-NOT: load i32, ptr @enzyme_const
; CHECK-LABEL: define internal { double, double } @fwddiff.f.101(double %x, double %x.shadow, double %y, ptr %p, ptr %p.shadow)
; CHECK-LABEL: define internal { double, double } @fwddiff.f.010(double %x, double %y, double %y.shadow, ptr %p)
; CHECK-NOT: define {{.*}} @fwddiff.
