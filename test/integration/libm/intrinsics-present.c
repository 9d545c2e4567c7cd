// Under -fno-math-errno clang emits llvm.sin/llvm.sqrt/llvm.pow/llvm.fabs/
// llvm.floor intrinsics instead of libm calls (so math-intrinsics*.c really
// exercise the intrinsic rules), and under the default -fmath-errno it keeps
// sin/sqrt/pow as libm calls (so math-double.c exercises the libm names).
// Then the plugin differentiates that code; each request becomes a
// call to a generated fwddiff.* function whose tangent uses the rule table's
// formula (sin -> llvm.cos, sqrt -> 0.5 / r, pow -> llvm.pow and llvm.log,
// fabs -> llvm.copysign, floor -> 0).
// RUN: %clang -O2 -fno-math-errno -S -emit-llvm %s -o %t.ll
// RUN: FileCheck %s --check-prefix=IR --input-file=%t.ll
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=ERRNO
// RUN: %opt-adjoint -passes=adjoint -S %t.ll -o %t.diff.ll
// RUN: FileCheck %s --check-prefix=CALLS --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=SIN --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=SINF --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=SQRT --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=POW --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=POWX --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=FABS --input-file=%t.diff.ll
// RUN: FileCheck %s --check-prefix=FLOOR --input-file=%t.diff.ll
#include <math.h>

// Enzyme-style user prototypes: no include path needed.
double __enzyme_fwddiff(void *, ...);
extern int enzyme_const;

// IR-LABEL: define {{.*}}double @f_sin(
// IR: call double @llvm.sin.f64(
// ERRNO-LABEL: define {{.*}}double @f_sin(
// ERRNO: call double @sin(
double f_sin(double x) { return sin(x); }

// IR-LABEL: define {{.*}}float @f_sinf(
// IR: call float @llvm.sin.f32(
float f_sinf(float x) { return sinf(x); }

// IR-LABEL: define {{.*}}double @f_sqrt(
// IR: call double @llvm.sqrt.f64(
// ERRNO-LABEL: define {{.*}}double @f_sqrt(
// ERRNO: call double @sqrt(
double f_sqrt(double x) { return sqrt(x); }

// IR-LABEL: define {{.*}}double @f_pow(
// IR: call double @llvm.pow.f64(
// ERRNO-LABEL: define {{.*}}double @f_pow(
// ERRNO: call double @pow(
double f_pow(double x, double y) { return pow(x, y); }
// IR-LABEL: define {{.*}}double @f_pow_x_only(
// IR: call double @llvm.pow.f64(
double f_pow_x_only(double x, double y) { return pow(x, y); }

// IR-LABEL: define {{.*}}double @f_fabs(
// IR: call double @llvm.fabs.f64(
double f_fabs(double x) { return fabs(x); }

// IR-LABEL: define {{.*}}double @f_floor(
// IR: call double @llvm.floor.f64(
double f_floor(double x) { return floor(x); }

// No request survives the pass: each calls its generated function.
// CALLS-NOT: call {{.*}}@__enzyme_fwddiff
// CALLS-LABEL: define {{.*}}double @d_sin(
// CALLS: call {{.*}}@fwddiff.f_sin{{[.0-9]*}}(
double d_sin(double x) { return __enzyme_fwddiff((void *)f_sin, x, 1.0); }
// CALLS-LABEL: define {{.*}}double @d_sinf(
// CALLS: call {{.*}}@fwddiff.f_sinf{{[.0-9]*}}(
double d_sinf(float x) { return __enzyme_fwddiff((void *)f_sinf, x, 1.0); }
// CALLS-LABEL: define {{.*}}double @d_sqrt(
// CALLS: call {{.*}}@fwddiff.f_sqrt{{[.0-9]*}}(
double d_sqrt(double x) { return __enzyme_fwddiff((void *)f_sqrt, x, 1.0); }
// CALLS-LABEL: define {{.*}}double @d_pow(
// CALLS: call {{.*}}@fwddiff.f_pow{{[.0-9]*}}(
double d_pow(double x, double y) { return __enzyme_fwddiff((void *)f_pow, x, 1.0, y, 1.0); }
// CALLS-LABEL: define {{.*}}double @d_pow_x(
// CALLS: call {{.*}}@fwddiff.f_pow_x_only{{[.0-9]*}}(
double d_pow_x(double x, double y) {
  return __enzyme_fwddiff((void *)f_pow_x_only, x, 1.0, enzyme_const, y);
}
// CALLS-LABEL: define {{.*}}double @d_fabs(
// CALLS: call {{.*}}@fwddiff.f_fabs{{[.0-9]*}}(
double d_fabs(double x) { return __enzyme_fwddiff((void *)f_fabs, x, 1.0); }
// CALLS-LABEL: define {{.*}}double @d_floor(
// CALLS: call {{.*}}@fwddiff.f_floor{{[.0-9]*}}(
// CALLS-NOT: call {{.*}}@__enzyme_fwddiff
double d_floor(double x) { return __enzyme_fwddiff((void *)f_floor, x, 1.0); }

// SIN-LABEL: define {{.*}}@fwddiff.f_sin{{[.0-9]*}}(double
// SIN: call double @llvm.sin.f64(double %[[X:[0-9]+]])
// SIN: call double @llvm.cos.f64(double %[[X]])
// SIN: ret

// SINF-LABEL: define {{.*}}@fwddiff.f_sinf{{[.0-9]*}}(float
// SINF: call float @llvm.sin.f32(float %[[X:[0-9]+]])
// SINF: call float @llvm.cos.f32(float %[[X]])
// SINF: ret

// SQRT-LABEL: define {{.*}}@fwddiff.f_sqrt{{[.0-9]*}}(double
// SQRT: %[[R:[0-9]+]] = {{.*}}call double @llvm.sqrt.f64(
// SQRT: fdiv double 5.000000e-01, %[[R]]
// SQRT: ret

// POW-LABEL: define {{.*}}@fwddiff.f_pow{{[.0-9]*}}(double
// POW: %[[R:[0-9]+]] = {{.*}}call double @llvm.pow.f64(double %0, double %1)
// POW: %[[YM1:[0-9]+]] = fadd double %1, -1.000000e+00
// POW: call double @llvm.pow.f64(double %0, double %[[YM1]])
// POW: call double @llvm.log.f64(double %0)
// POW: ret

// With y inactive the tangent is y pow(x, y-1) alone: no log(x).
// POWX-LABEL: define {{.*}}@fwddiff.f_pow_x_only{{[.0-9]*}}(double
// POWX: %[[YM1:[0-9]+]] = fadd double %{{[0-9]+}}, -1.000000e+00
// POWX: call double @llvm.pow.f64(double %0, double %[[YM1]])
// POWX-NOT: @llvm.log
// POWX: ret

// FABS-LABEL: define {{.*}}@fwddiff.f_fabs{{[.0-9]*}}(double
// FABS: call double @llvm.copysign.f64(double 1.000000e+00, double %0)
// FABS: ret

// FLOOR-LABEL: define {{.*}}@fwddiff.f_floor{{[.0-9]*}}(double
// FLOOR: call double @llvm.floor.f64(
// FLOOR-NOT: fmul
// FLOOR: double 0.000000e+00
// FLOOR: ret
