// What Rust programs are made of, differentiated through rustc's autodiff:
// a generic function, a trait method called by the differentiated function,
// a closure that captures a parameter, iterator chains, a Box, arrays by
// value and by reference, a struct too large for registers passed by value,
// and calls between the crate's functions.
// RUN: %rustc-autodiff -O -Cdebuginfo=2 %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 -Cdebuginfo=2 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::{autodiff_forward, autodiff_reverse};
use std::hint::black_box;

#[autodiff_reverse(d_square, Active, Active)]
fn square<T: std::ops::Mul<Output = T> + Copy>(x: T) -> T {
    x * x
}

trait Model {
    fn eval(&self, x: f64) -> f64;
}

struct Quad {
    a: f64,
    b: f64,
}

impl Model for Quad {
    fn eval(&self, x: f64) -> f64 {
        self.a * x * x + self.b * x
    }
}

const XS: [f64; 3] = [0.5, 1.0, 2.0];

#[autodiff_reverse(d_loss, Duplicated, Active)]
fn loss(m: &Quad) -> f64 {
    XS.iter().map(|&x| (m.eval(x) - 1.0).powi(2)).sum()
}

#[autodiff_reverse(d_smooth, Duplicated, Active, Active)]
fn smooth(x: &[f64], t: f64) -> f64 {
    let k = |v: f64| (v * t).tanh();
    x.iter().map(|&v| k(v)).sum()
}

#[autodiff_reverse(d_boxed, Duplicated, Active)]
fn boxed(b: &Box<[f64; 3]>) -> f64 {
    b[0] * b[1] + b[2].exp()
}

#[autodiff_forward(d_by_value, Dual, Dual)]
fn by_value(a: [f64; 3]) -> f64 {
    a[0] * a[1] * a[2]
}

#[autodiff_reverse(d_product, Duplicated, Active)]
fn product(a: &[f64; 3]) -> f64 {
    a.iter().product()
}

#[derive(Clone, Copy)]
struct Big {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
}

#[autodiff_forward(d_big, Dual, Dual)]
fn big(s: Big) -> f64 {
    s.a * s.b + s.c.sin() * s.d
}

#[inline(never)]
fn helper(u: f64, v: &[f64]) -> f64 {
    v.iter().fold(u, |acc, &w| acc * w + 1.0)
}

#[autodiff_reverse(d_outer, Active, Duplicated, Active)]
fn outer(u: f64, v: &[f64]) -> f64 {
    helper(u, v) + helper(2.0 * u, v)
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-11 * scale, "{what}: got {got}, expected {want}");
}

/// Central difference of f at x along e_i.
fn fd(f: &dyn Fn(&[f64]) -> f64, x: &[f64], i: usize) -> f64 {
    let h = 1e-6;
    let (mut p, mut m) = (x.to_vec(), x.to_vec());
    p[i] += h;
    m[i] -= h;
    (f(&p) - f(&m)) / (2.0 * h)
}

fn close_fd(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() <= 1e-6 * want.abs().max(1.0), "{what}: got {got}, expected {want}");
}

fn main() {
    let x = black_box(1.7);
    let (y, d) = d_square(x, 1.0);
    close(y, x * x, "generic");
    close(d, 2.0 * x, "d generic");

    let m = Quad { a: 0.3, b: -0.4 };
    let mut dm = Quad { a: 0.0, b: 0.0 };
    d_loss(&m, &mut dm, 1.0);
    let (mut wa, mut wb) = (0.0, 0.0);
    for x in XS {
        let r = m.a * x * x + m.b * x - 1.0;
        wa += 2.0 * r * x * x;
        wb += 2.0 * r * x;
    }
    close(dm.a, wa, "d loss / d a (trait method)");
    close(dm.b, wb, "d loss / d b (trait method)");

    let v = [0.2, -0.5, 1.1];
    let mut dv = [0.0; 3];
    let t = black_box(0.8);
    let (_, dt) = d_smooth(&v, &mut dv, t, 1.0);
    let sech2 = |z: f64| 1.0 - z.tanh().powi(2);
    for i in 0..3 {
        close(dv[i], t * sech2(v[i] * t), "d smooth / d x (closure)");
    }
    close(dt, v.iter().map(|&vi| vi * sech2(vi * t)).sum(), "d smooth / d t (captured)");

    let b = Box::new([1.5, -2.0, 0.3]);
    let mut db = Box::new([0.0; 3]);
    d_boxed(&b, &mut db, 1.0);
    close(db[0], -2.0, "d boxed / d b0");
    close(db[1], 1.5, "d boxed / d b1");
    close(db[2], 0.3f64.exp(), "d boxed / d b2");

    let a = [1.5, -2.0, 0.5];
    let (y, t) = d_by_value(a, [1.0, 0.5, -1.0]);
    close(y, a[0] * a[1] * a[2], "array by value");
    close(t, a[1] * a[2] + 0.5 * a[0] * a[2] - a[0] * a[1], "d array by value");

    let mut da = [0.0; 3];
    d_product(&a, &mut da, 1.0);
    close(da[0], a[1] * a[2], "d product / d a0");
    close(da[2], a[0] * a[1], "d product / d a2");

    let s = Big { a: 1.0, b: 2.0, c: 0.5, d: -1.5 };
    let ds = Big { a: 0.1, b: 0.2, c: 0.3, d: 0.4 };
    let (y, t) = d_big(s, ds);
    close(y, 2.0 + 0.5f64.sin() * -1.5, "big struct by value");
    close(t, 0.1 * 2.0 + 1.0 * 0.2 + 0.5f64.cos() * 0.3 * -1.5 + 0.5f64.sin() * 0.4, "d big");

    let w = [0.9, 1.1, -0.3];
    let mut dw = [0.0; 3];
    let u = black_box(0.7);
    let (_, du) = d_outer(u, &w, &mut dw, 1.0);
    let f = |z: &[f64]| outer(z[0], &z[1..]);
    let z = [u, w[0], w[1], w[2]];
    close_fd(du, fd(&f, &z, 0), "d outer / d u (calls)");
    for i in 0..3 {
        close_fd(dw[i], fd(&f, &z, i + 1), "d outer / d v (calls)");
    }
    println!("ok");
}
