// What the backend does not do yet is a rustc error naming the function and
// the reason, never a crash or a wrong derivative: batched reverse mode, and
// a call through a function pointer in reverse mode.
// RUN: not %rustc-autodiff -O %s -o %t 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: error: {{.*}}adjoint: batch reverse mode (enzyme_width) is not supported yet
// RUN: not %rustc-autodiff -O --cfg fn_pointer %s -o %t 2>&1 | FileCheck %s --check-prefix=FNPTR
// FNPTR: error: {{.*}}adjoint: reverse mode cannot differentiate an indirect call yet (reached from unsupported::apply
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

#[cfg(not(fn_pointer))]
#[autodiff_reverse(d_scale, 2, Duplicated, Duplicated)]
fn scale(x: &[f64; 2], y: &mut [f64; 2]) {
    y[0] = 2.0 * x[0];
    y[1] = x[0] * x[1];
}

#[cfg(fn_pointer)]
#[autodiff_reverse(d_apply, Const, Active, Active)]
fn apply(g: fn(f64) -> f64, x: f64) -> f64 {
    g(x)
}

fn square(x: f64) -> f64 {
    x * x
}

fn main() {
    #[cfg(not(fn_pointer))]
    {
        let x = [1.0, 2.0];
        let (mut d1, mut d2, mut y) = ([0.0; 2], [0.0; 2], [0.0; 2]);
        let (mut s1, mut s2) = ([1.0, 0.0], [0.0, 1.0]);
        d_scale(&x, &mut d1, &mut d2, &mut y, &mut s1, &mut s2);
        println!("{d1:?} {d2:?}");
    }
    #[cfg(fn_pointer)]
    println!("{:?}", d_apply(black_box(square as fn(f64) -> f64), black_box(3.0), 1.0));
    let _ = square(black_box(1.0));
}
