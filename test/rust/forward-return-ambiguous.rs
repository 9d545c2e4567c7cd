// With one lane, rustc passes a forward-mode DualOnly return (which wants the
// tangent) and a Const return (which wants the value) in the same form: the
// backend cannot tell which the user asked for, and says so instead of
// returning one of the two. Declaring the return Dual gives both.
// RUN: not %rustc-autodiff -O %s -o %t 2>&1 | FileCheck %s
// RUN: not %rustc-autodiff -O --cfg const_return %s -o %t 2>&1 | FileCheck %s
// RUN: not %rustc-autodiff -Copt-level=0 %s -o %t 2>&1 | FileCheck %s
// CHECK: error: {{.*}}adjoint: cannot tell what the forward-mode derivative of 'forward_return_ambiguous::f' should return{{.*}}Declare the return Dual instead
#![feature(autodiff)]
use std::autodiff::autodiff_forward;

#[cfg(not(const_return))]
#[autodiff_forward(df, Dual, DualOnly)]
fn f(x: &f64) -> f64 {
    x * x
}

#[cfg(const_return)]
#[autodiff_forward(df, Dual, Const)]
fn f(x: &f64) -> f64 {
    x * x
}

fn main() {
    println!("{}", df(std::hint::black_box(&3.0), &1.0));
}
