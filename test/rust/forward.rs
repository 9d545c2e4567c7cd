// Forward mode through rustc's autodiff and libEnzyme-22.so, without debug
// info: Dual returns, batches with a Dual and a DualOnly return (batched, the
// call's type tells DualOnly from Const; with one lane it cannot:
// forward-return-ambiguous.rs), a slice (its length passed as a constant)
// and a reference. Tuples by value and a batched Const return:
// forward-pairs.rs and forward-returns.rs.
// RUN: %rustc-autodiff -O %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_forward;
use std::hint::black_box;

#[autodiff_forward(d_cube, Dual, Dual)]
fn cube(x: f64) -> f64 {
    x * x * x
}

#[autodiff_forward(d_cube_only, 2, Dual, DualOnly)]
fn cube_only(x: f64) -> f64 {
    x * x * x
}

#[autodiff_forward(d_batch, 4, Dual, Dual)]
fn batch(x: f64) -> f64 {
    x.exp() * x
}

#[autodiff_forward(d_norm2, Dual, Dual)]
fn norm2(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum()
}

#[autodiff_forward(d_by_ref, Dual, Dual)]
fn by_ref(x: &f64) -> f64 {
    x.sin() * *x
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let x = black_box(1.3);
    let (y, t) = d_cube(x, 1.0);
    close(y, x * x * x, "cube");
    close(t, 3.0 * x * x, "d cube");
    let r = d_cube_only(x, 2.0, -1.0);
    close(r[0], 6.0 * x * x, "d cube (DualOnly), lane 1");
    close(r[1], -3.0 * x * x, "d cube (DualOnly), lane 2");

    let r = d_batch(x, 1.0, 2.0, -1.0, 0.5);
    let d = x.exp() * (x + 1.0);
    close(r[0], x.exp() * x, "batch primal");
    for (k, s) in [1.0, 2.0, -1.0, 0.5].iter().enumerate() {
        close(r[k + 1], s * d, "batch tangent");
    }

    let v = vec![1.0, -2.0, 0.5];
    let dv = vec![0.5, 1.0, -1.0];
    let (n, dn) = d_norm2(black_box(&v), black_box(&dv));
    close(n, 1.0 + 4.0 + 0.25, "norm2");
    close(dn, 2.0 * (0.5 - 2.0 - 0.5), "d norm2");

    let (q, dq) = d_by_ref(black_box(&x), black_box(&1.0));
    close(q, x.sin() * x, "by_ref");
    close(dq, x.cos() * x + x.sin(), "d by_ref");

    println!("ok");
}
