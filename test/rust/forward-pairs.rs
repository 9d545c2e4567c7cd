// Forward mode through tuples and two-field structs passed by value. rustc
// 1.96 passes such a pair as `enzyme_dup, x.0, x.1, enzyme_dup, dx.0, dx.1`;
// with debug info Adjoint reads the parameter types and pairs each field with
// its own tangent (pair-without-debuginfo.rs: the error without it). Separate
// scalars next to a pair must keep their usual meaning.
// RUN: %rustc-autodiff -O -Cdebuginfo=2 %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 -Cdebuginfo=2 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_forward;
use std::hint::black_box;

#[derive(Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
}

#[autodiff_forward(d_tuple, Dual, Dual)]
fn tuple(p: (f64, f64)) -> f64 {
    p.0 * p.1 * p.1
}

#[autodiff_forward(d_point, Dual, Dual)]
fn point(p: Point) -> f64 {
    (p.x * p.x + p.y).sin()
}

#[autodiff_forward(d_f32, Dual, Dual)]
fn pair_f32(p: (f32, f32)) -> f32 {
    p.0 / p.1
}

#[autodiff_forward(d_mixed, Dual, Const, Dual, Dual)]
fn mixed(a: f64, n: i32, p: (f64, f64)) -> f64 {
    a * p.0 + (n as f64) * p.1 * a
}

#[autodiff_forward(d_scalars, Dual, Dual, Dual)]
fn scalars(a: f64, b: f64) -> f64 {
    a * b * b
}

#[autodiff_forward(d_only, 2, Dual, DualOnly)]
fn only(p: (f64, f64)) -> f64 {
    p.0.exp() * p.1
}

#[autodiff_forward(d_batch, 2, Dual, Dual)]
fn batch(p: (f64, f64)) -> f64 {
    p.0 * p.0 * p.1
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let (a, b) = (black_box(1.5), black_box(-0.7));

    let (y, t) = d_tuple((a, b), (1.0, 0.0));
    close(y, a * b * b, "tuple");
    close(t, b * b, "d tuple / d p.0");
    let (_, t) = d_tuple((a, b), (0.0, 1.0));
    close(t, 2.0 * a * b, "d tuple / d p.1");

    let (y, t) = d_point(Point { x: a, y: b }, Point { x: 0.5, y: 2.0 });
    let inner = a * a + b;
    close(y, inner.sin(), "point");
    close(t, inner.cos() * (2.0 * a * 0.5 + 2.0), "d point");

    let (y, t) = d_f32((a as f32, 2.0), (1.0, 1.0));
    let (x0, x1) = (a as f32, 2.0f32);
    assert!((y - x0 / x1).abs() < 1e-6, "pair of f32: got {y}");
    assert!((t - (1.0 / x1 - x0 / (x1 * x1))).abs() < 1e-6, "d pair of f32: got {t}");

    let n = black_box(3);
    let (y, t) = d_mixed(a, 0.25, n, (b, 2.0), (-1.0, 0.5));
    close(y, a * b + 3.0 * 2.0 * a, "mixed");
    close(t, 0.25 * b + a * -1.0 + 3.0 * (0.25 * 2.0 + a * 0.5), "d mixed");

    let (y, t) = d_scalars(a, 1.0, b, 2.0);
    close(y, a * b * b, "scalars");
    close(t, b * b + 2.0 * a * b * 2.0, "d scalars");

    let r = d_only((a, b), (0.5, -1.0), (0.0, 1.0));
    close(r[0], a.exp() * b * 0.5 - a.exp(), "d only, lane 1");
    close(r[1], a.exp(), "d only, lane 2");

    let r = d_batch((a, b), (1.0, 0.0), (0.0, 1.0));
    close(r[0], a * a * b, "batch");
    close(r[1], 2.0 * a * b, "d batch lane 1");
    close(r[2], a * a, "d batch lane 2");
    println!("ok");
}
