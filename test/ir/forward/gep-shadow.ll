; Address arithmetic on a duplicated pointer is repeated on its shadow: the
; same source element type, the same indices, the same inbounds flag, so
; the shadow address has the same offset as the primal one. Addresses
; computed from an enzyme_const pointer get no shadow.
; The patterns are LLVM 19's optimizer's (22 splits struct GEPs, orders and flags
; differently); the integration tests check the same derivatives' values on both.
; REQUIRES: llvm-19
; RUN: %opt-adjoint -passes=adjoint -adjoint-optimize=0 -S %s | FileCheck %s
; RUN: %opt-adjoint -passes=adjoint -S %s | FileCheck %s --check-prefix=OPT

%struct.pt = type { double, double }

@enzyme_const = external global i32

; pts[i].y * a[j] + w[j]
define internal double @f(ptr %pts, i64 %i, ptr %a, i64 %j, ptr %w) {
entry:
  %yp = getelementptr inbounds %struct.pt, ptr %pts, i64 %i, i32 1
  %y = load double, ptr %yp, align 8
  %ap = getelementptr double, ptr %a, i64 %j
  %aj = load double, ptr %ap, align 8
  %m = fmul double %y, %aj
  %wp = getelementptr inbounds double, ptr %w, i64 %j
  %wj = load double, ptr %wp, align 8
  %r = fadd double %m, %wj
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @df(ptr %pts, ptr %dpts, i64 %i, ptr %a, ptr %da, i64 %j, ptr %w) {
  %k = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %pts, ptr %dpts, i64 %i, ptr %a, ptr %da, i64 %j, i32 %k, ptr %w)
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiff.f.10100(ptr %pts, ptr %pts.shadow, i64 %i, ptr %a, ptr %a.shadow, i64 %j, ptr %w)
; CHECK:         %yp = getelementptr inbounds %struct.pt, ptr %pts, i64 %i, i32 1
; CHECK-NEXT:    %yp.shadow = getelementptr inbounds %struct.pt, ptr %pts.shadow, i64 %i, i32 1
; CHECK-NEXT:    %y = load double, ptr %yp, align 8
; CHECK-NEXT:    %y.tan = load double, ptr %yp.shadow, align 8
; No inbounds on the primal, none on the shadow.
; CHECK-NEXT:    %ap = getelementptr double, ptr %a, i64 %j
; CHECK-NEXT:    %ap.shadow = getelementptr double, ptr %a.shadow, i64 %j
; CHECK-NEXT:    %aj = load double, ptr %ap, align 8
; CHECK-NEXT:    %aj.tan = load double, ptr %ap.shadow, align 8
; d(y * aj) = aj dy + y daj
; CHECK-NEXT:    %m = fmul double %y, %aj
; CHECK-NEXT:    [[T1:%.*]] = fmul double %aj, %y.tan
; CHECK-NEXT:    [[T2:%.*]] = fmul double %y, %aj.tan
; CHECK-NEXT:    [[DM:%.*]] = fadd double [[T1]], [[T2]]
; w is enzyme_const: no shadow address, no tangent load; d(m + wj) = dm.
; CHECK-NEXT:    %wp = getelementptr inbounds double, ptr %w, i64 %j
; CHECK-NEXT:    %wj = load double, ptr %wp, align 8
; CHECK-NEXT:    %r = fadd double %m, %wj
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { double, double } poison, double %r, 0
; CHECK-NEXT:    insertvalue { double, double } [[R0]], double [[DM]], 1
; CHECK-NOT:     %wp.shadow
; CHECK-NOT:     %wj.tan

; OPT-LABEL: define internal { double, double } @fwddiff.f.10100(
; OPT:         %yp.shadow = getelementptr inbounds %struct.pt, ptr %pts.shadow, i64 %i, i32 1
; OPT:         %y.tan = load double, ptr %yp.shadow, align 8
; OPT:         %ap.shadow = getelementptr double, ptr %a.shadow, i64 %j
; OPT:         %aj.tan = load double, ptr %ap.shadow, align 8
; OPT-NOT:     %wp.shadow
; OPT:         ret { double, double }
