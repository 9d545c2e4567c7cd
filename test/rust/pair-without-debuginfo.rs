// Without debug info a tuple passed by value as Dual and two separate Dual
// scalars reach the backend in the same form; Adjoint refuses to guess.
// RUN: not %rustc-autodiff -O %s -o %t 2>&1 | FileCheck %s
// CHECK: error:{{.*}}adjoint: cannot tell how rustc passed arguments 1 and 2 of 'pair_without_debuginfo::f'
// CHECK-SAME: -C debuginfo=2
#![feature(autodiff)]
use std::autodiff::autodiff_forward;

#[autodiff_forward(df, Dual, Dual)]
fn f(p: (f64, f64)) -> f64 {
    p.0 * p.1
}

fn main() {
    let (y, t) = df(std::hint::black_box((2.0, 3.0)), (1.0, 0.0));
    println!("{y} {t}");
}
