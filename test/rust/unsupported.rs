// What the backend does not do yet is a rustc error naming the function and
// the reason, never a crash or a wrong derivative: batched reverse mode.
// RUN: not %rustc-autodiff -O %s -o %t 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: error: {{.*}}adjoint: batch reverse mode (enzyme_width) is not supported yet
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

#[autodiff_reverse(d_scale, 2, Duplicated, Duplicated)]
fn scale(x: &[f64; 2], y: &mut [f64; 2]) {
    y[0] = 2.0 * x[0];
    y[1] = x[0] * x[1];
}

fn main() {
    let x = [1.0, 2.0];
    let (mut d1, mut d2, mut y) = ([0.0; 2], [0.0; 2], [0.0; 2]);
    let (mut s1, mut s2) = ([1.0, 0.0], [0.0, 1.0]);
    d_scale(&x, &mut d1, &mut d2, &mut y, &mut s1, &mut s2);
    println!("{d1:?} {d2:?}");
}
