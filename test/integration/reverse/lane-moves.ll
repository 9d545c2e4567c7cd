; Lane moves in reverse mode, as the vectorizers emit them: a masked load
; (its masked-off lanes from a pass-through value), vector.extract,
; vector.insert, vector.interleave2, vector.deinterleave2, and a masked
; store into a local. Each has a transpose (or, for the masked memory
; operations, the reverse of a load and of a store on the selected lanes).
; The driver checks the gradient against central differences and against
; forward mode (<grad, u> = J u), combined and split.
; RUN: %opt-adjoint -passes=adjoint %s -o %t.bc
; RUN: %clang -O1 %t.bc %S/Inputs/lane-moves-driver.c -o %t -lm
; RUN: %t
; RUN: %opt-adjoint -passes=adjoint -adjoint-split-gradients %s -o %t.split.bc
; RUN: %clang -O1 %t.split.bc %S/Inputs/lane-moves-driver.c -o %t.split -lm
; RUN: %t.split

; f(x), x: 16 doubles
define internal double @f(ptr %x) {
entry:
  %buf = alloca <4 x double>, align 32
  store <4 x double> zeroinitializer, ptr %buf, align 32
  %x4 = getelementptr inbounds double, ptr %x, i64 4
  %hi = load <4 x double>, ptr %x4, align 8
  %pass = fmul <4 x double> %hi, <double 2.0, double 2.0, double 2.0, double 2.0>
  %a = call <4 x double> @llvm.masked.load.v4f64.p0(ptr %x, i32 8, <4 x i1> <i1 true, i1 false, i1 true, i1 true>, <4 x double> %pass)
  %t = call <2 x double> @llvm.vector.extract.v2f64.v4f64(<4 x double> %a, i64 2)
  %tt = fmul <2 x double> %t, %t
  %x8 = getelementptr inbounds double, ptr %x, i64 8
  %w = load <4 x double>, ptr %x8, align 8
  %ins = call <4 x double> @llvm.vector.insert.v4f64.v2f64(<4 x double> %w, <2 x double> %tt, i64 0)
  %il = call <8 x double> @llvm.vector.interleave2.v8f64(<4 x double> %a, <4 x double> %ins)
  %x12 = getelementptr inbounds double, ptr %x, i64 12
  %z = load double, ptr %x12, align 8
  %zs = insertelement <8 x double> poison, double %z, i64 0
  %zv = shufflevector <8 x double> %zs, <8 x double> poison, <8 x i32> zeroinitializer
  %s = fmul <8 x double> %il, %zv
  %d = call { <4 x double>, <4 x double> } @llvm.vector.deinterleave2.v8f64(<8 x double> %s)
  %d0 = extractvalue { <4 x double>, <4 x double> } %d, 0
  %d1 = extractvalue { <4 x double>, <4 x double> } %d, 1
  %p = fmul <4 x double> %d0, %d1
  call void @llvm.masked.store.v4f64.p0(<4 x double> %p, ptr %buf, i32 32, <4 x i1> <i1 true, i1 true, i1 false, i1 true>)
  %back = load <4 x double>, ptr %buf, align 32
  %r0 = call double @llvm.vector.reduce.fadd.v4f64(double 0.0, <4 x double> %back)
  %r1 = call double @llvm.vector.reduce.fadd.v4f64(double 0.0, <4 x double> %d1)
  %r = fadd double %r0, %r1
  ret double %r
}

define double @primal(ptr %x) {
  %r = call double @f(ptr %x)
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define void @gradient(ptr %x, ptr %g) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %g)
  ret void
}

define double @tangent(ptr %x, ptr %u) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %u)
  ret double %r
}

declare <4 x double> @llvm.masked.load.v4f64.p0(ptr, i32, <4 x i1>, <4 x double>)
declare void @llvm.masked.store.v4f64.p0(<4 x double>, ptr, i32, <4 x i1>)
declare <2 x double> @llvm.vector.extract.v2f64.v4f64(<4 x double>, i64)
declare <4 x double> @llvm.vector.insert.v4f64.v2f64(<4 x double>, <2 x double>, i64)
declare <8 x double> @llvm.vector.interleave2.v8f64(<4 x double>, <4 x double>)
declare { <4 x double>, <4 x double> } @llvm.vector.deinterleave2.v8f64(<8 x double>)
declare double @llvm.vector.reduce.fadd.v4f64(double, <4 x double>)
