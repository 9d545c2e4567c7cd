// Reverse mode with a Const return: rustc passes no marker, yet its `df`
// returns the primal result; the result must not be seeded. The derivative
// flows from a seeded output shadow instead.
// RUN: %rustc-autodiff -O %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

/// Writes x^2 to `out` and returns x^3 (which is not differentiated).
#[autodiff_reverse(d_square_into, Duplicated, Duplicated, Const)]
fn square_into(x: &f64, out: &mut f64) -> f64 {
    *out = x * x;
    x * x * x
}

#[autodiff_reverse(d_scaled, Active, Duplicated, Const)]
fn scaled(a: f64, out: &mut f64) -> f64 {
    *out = a.sin() * 3.0;
    a * 10.0
}

#[autodiff_reverse(d_plain, Duplicated, Const)]
fn plain(x: &f64) -> f64 {
    x * x
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let x = black_box(1.25);
    let (mut out, mut dx, mut dout) = (0.0, 0.0, 1.0);
    let y = d_square_into(&x, &mut dx, &mut out, &mut dout);
    close(y, x * x * x, "primal result");
    close(out, x * x, "output");
    close(dx, 2.0 * x, "d out / d x (the result is not seeded)");

    let mut dout = 2.0;
    let (y, da) = d_scaled(x, &mut out, &mut dout);
    close(y, 10.0 * x, "primal result (Active input)");
    close(da, 2.0 * 3.0 * x.cos(), "d out / d a");

    let mut dx = 0.0;
    let y = d_plain(&x, &mut dx);
    close(y, x * x, "primal result, nothing seeded");
    close(dx, 0.0, "no derivative flows");
    println!("ok");
}
