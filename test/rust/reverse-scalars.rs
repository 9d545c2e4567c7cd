// Reverse mode on scalars through rustc's autodiff and libEnzyme-22.so:
// Active arguments and results, ActiveOnly (no primal), f32 and f64, a
// constant argument, and a function called from the differentiated one.
// RUN: %rustc-autodiff -O %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

#[autodiff_reverse(d_wave, Active, Active)]
fn wave(x: f64) -> f64 {
    x * x.sin()
}

#[autodiff_reverse(d_mix, Active, Const, Active, ActiveOnly)]
fn mix(a: f32, k: f32, b: f32) -> f32 {
    k * a * a + (a * b).exp()
}

#[inline(never)]
fn helper(u: f64, v: f64) -> f64 {
    u.ln() * v
}
#[autodiff_reverse(d_calls, Active, Active, Active)]
fn calls(u: f64, v: f64) -> f64 {
    helper(u, v) + helper(v, u)
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let x = black_box(0.7);
    let (y, dx) = d_wave(x, 1.0);
    close(y, x * x.sin(), "wave");
    close(dx, x.sin() + x * x.cos(), "d wave/dx");

    let (a, k, b) = (black_box(0.5f32), black_box(3.0f32), black_box(-0.25f32));
    let (da, db) = d_mix(a, k, b, 1.0);
    let e = (a * b).exp();
    assert!((da - (2.0 * k * a + b * e)).abs() < 1e-6, "d mix/da: {da}");
    assert!((db - a * e).abs() < 1e-6, "d mix/db: {db}");

    let (u, v) = (black_box(1.5), black_box(2.5));
    let (r, du, dv) = d_calls(u, v, 1.0);
    close(r, u.ln() * v + v.ln() * u, "calls");
    close(du, v / u + v.ln(), "d calls/du");
    close(dv, u.ln() + u / v, "d calls/dv");
    println!("ok");
}
