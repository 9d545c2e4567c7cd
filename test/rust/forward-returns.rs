// Forward mode through results that are not one float: an array returned in
// memory (rustc declares the request's result as `{[4 x double], [4 x
// double]}`, the engine's lanes are untyped bytes), DualOnly of the same,
// a two-field struct returned in registers, and a batched Const return (the
// value comes back; the tangents leave through a Dual reference).
// RUN: %rustc-autodiff -O -Cdebuginfo=2 %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 -Cdebuginfo=2 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_forward;
use std::hint::black_box;

#[autodiff_forward(d_squares, Dual, Dual)]
fn squares(x: &[f64; 4]) -> [f64; 4] {
    let mut r = [0.0; 4];
    for i in 0..4 {
        r[i] = x[i] * x[i] + x[(i + 1) % 4];
    }
    r
}

#[autodiff_forward(d_squares_only, Dual, DualOnly)]
fn squares_only(x: &[f64; 4]) -> [f64; 4] {
    squares(x)
}

#[derive(Clone, Copy, Debug)]
struct Polar {
    r: f64,
    phi: f64,
}

#[autodiff_forward(d_polar, Dual, Dual, Dual)]
fn polar(x: f64, y: f64) -> Polar {
    Polar { r: (x * x + y * y).sqrt(), phi: y.atan2(x) }
}

#[autodiff_forward(d_cube_into, 2, Dual, Dual, Const)]
fn cube_into(x: &f64, out: &mut f64) -> f64 {
    *out = x * x * x;
    x * 10.0
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let x = black_box([1.0, -2.0, 0.5, 3.0]);
    let dx = [1.0, 0.5, -1.0, 2.0];
    let (y, t) = d_squares(&x, &dx);
    let t_only = d_squares_only(&x, &dx);
    for i in 0..4 {
        let j = (i + 1) % 4;
        close(y[i], x[i] * x[i] + x[j], "array result");
        close(t[i], 2.0 * x[i] * dx[i] + dx[j], "tangent of array result");
        close(t_only[i], t[i], "DualOnly array result");
    }

    let (a, b) = (black_box(1.2), black_box(-0.4));
    let (p, dp) = d_polar(a, 0.3, b, -1.0);
    let r = (a * a + b * b).sqrt();
    close(p.r, r, "polar r");
    close(p.phi, b.atan2(a), "polar phi");
    close(dp.r, (a * 0.3 + b * -1.0) / r, "tangent of r");
    close(dp.phi, (a * -1.0 - b * 0.3) / (r * r), "tangent of phi");
    let x = black_box(1.3);
    let (mut out, mut d1, mut d2) = (0.0, 0.0, 0.0);
    let y = d_cube_into(&x, &1.0, &0.5, &mut out, &mut d1, &mut d2);
    close(y, 10.0 * x, "Const return: the value");
    close(out, x * x * x, "cube_into output");
    close(d1, 3.0 * x * x, "cube_into tangent, lane 1");
    close(d2, 1.5 * x * x, "cube_into tangent, lane 2");
    println!("ok");
}
