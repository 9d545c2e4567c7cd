// Misuse that rustc lets through reaches the backend and is an error there,
// naming the function and what to write instead; rustc exits non-zero (it
// stops at the first such error, so each case is built on its own).
// RUN: not %rustc-autodiff -O --cfg reference %s -o %t 2>&1 | FileCheck %s --check-prefix=REF
// RUN: not %rustc-autodiff -Copt-level=0 --cfg reference %s -o %t 2>&1 | FileCheck %s --check-prefix=REF
// REF: error: {{.*}}adjoint: argument 1 of 'misuse::on_reference' is marked enzyme_out (Rust: Active){{.*}}mark it enzyme_dup (Rust: Duplicated)
// RUN: not %rustc-autodiff -O %s -o %t 2>&1 | FileCheck %s --check-prefix=INT
// RUN: not %rustc-autodiff -Copt-level=0 %s -o %t 2>&1 | FileCheck %s --check-prefix=INT
// INT: error: {{.*}}adjoint: argument 1 of 'misuse::on_integer' is marked enzyme_out (Rust: Active){{.*}}mark it enzyme_const (Rust: Const)
// Without debug info the error has no location rather than one inside the
// standard library; with it, the location is the attribute's line.
// RUN: not %rustc-autodiff -O --cfg reference %s -o %t 2>&1 | FileCheck %s --check-prefix=NOLOC
// NOLOC-NOT: library/
// NOLOC: error: <unknown>:0:0:
// RUN: not %rustc-autodiff -O -Cdebuginfo=2 --cfg reference %s -o %t 2>&1 | FileCheck %s --check-prefix=LOC
// LOC: error: {{.*}}misuse.rs:[[@LINE+3]]:1: {{.*}}on_reference
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
#[autodiff_reverse(d_on_reference, Active, Active)]
fn on_reference(x: &f64) -> f64 {
    x * x
}

#[autodiff_reverse(d_on_integer, Active, Active)]
fn on_integer(n: i32) -> f64 {
    n as f64
}

#[cfg(reference)]
fn main() {
    println!("{:?}", d_on_reference(&2.0, 1.0));
}

#[cfg(not(reference))]
fn main() {
    println!("{:?}", d_on_integer(3, 1.0));
}
