// Calls whose target is chosen at run time, differentiated through rustc's autodiff: a plain
// `fn` pointer (reverse and forward mode), trait objects (`Box<dyn Trait>`: calls through the
// vtable, one inside another) and a closure called as `&dyn Fn`.
// RUN: %rustc-autodiff -O %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::{autodiff_forward, autodiff_reverse};
use std::hint::black_box;

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{what}: {got} != {want}");
}

#[autodiff_reverse(d_apply, Const, Active, Active)]
fn apply(g: fn(f64) -> f64, x: f64) -> f64 {
    g(g(x))
}

#[autodiff_forward(t_apply, Const, Dual, Dual)]
fn apply_fwd(g: fn(f64) -> f64, x: f64) -> f64 {
    g(g(x))
}

fn square(x: f64) -> f64 {
    x * x
}
fn wave(x: f64) -> f64 {
    x.sin() + 0.5 * x
}

trait Shape {
    fn value(&self, x: &[f64; 2]) -> f64;
}
struct Bowl {
    c: f64,
}
struct Ridge;
struct Sum {
    a: Box<dyn Shape>,
    b: Box<dyn Shape>,
}
impl Shape for Bowl {
    fn value(&self, x: &[f64; 2]) -> f64 {
        self.c * (x[0] * x[0] + x[1] * x[1])
    }
}
impl Shape for Ridge {
    fn value(&self, x: &[f64; 2]) -> f64 {
        (x[0] - x[1]).exp()
    }
}
impl Shape for Sum {
    fn value(&self, x: &[f64; 2]) -> f64 {
        self.a.value(x) * self.b.value(x)
    }
}

// A trait object held in a struct: as a parameter of its own (`&dyn Shape`), rustc 1.96 panics
// while it computes the parameter's type tree, before the backend runs.
struct Scene {
    shape: Box<dyn Shape>,
}

#[autodiff_reverse(d_energy, Const, Duplicated, Active)]
fn energy(s: &Scene, x: &[f64; 2]) -> f64 {
    s.shape.value(x) + 1.0
}

// A closure as `&dyn Fn`, held in a struct for the same reason.
struct Callback<'a> {
    f: &'a dyn Fn(f64) -> f64,
}

#[autodiff_reverse(d_with, Const, Active, Active)]
fn with_closure(c: &Callback, x: f64) -> f64 {
    (c.f)(x) * (c.f)(2.0 * x)
}

fn main() {
    for (g, dg) in [(square as fn(f64) -> f64, 4.0 * 0.7f64.powi(3)), (wave, {
        let x = 0.7f64;
        let u = x.sin() + 0.5 * x;
        (u.cos() + 0.5) * (x.cos() + 0.5)
    })] {
        let (_, d) = d_apply(black_box(g), black_box(0.7), 1.0);
        close(d, dg, "fn pointer, reverse");
        let (_, t) = t_apply(black_box(g), black_box(0.7), 1.0);
        close(t, dg, "fn pointer, forward");
    }

    let x: [f64; 2] = [0.4, -0.3];
    let shapes: Vec<Scene> = vec![
        Scene { shape: Box::new(Bowl { c: 1.5 }) },
        Scene { shape: Box::new(Ridge) },
        Scene { shape: Box::new(Sum { a: Box::new(Bowl { c: 0.5 }), b: Box::new(Ridge) }) },
    ];
    let (r2, e) = (x[0] * x[0] + x[1] * x[1], (x[0] - x[1]).exp());
    let want = [
        [3.0 * x[0], 3.0 * x[1]],
        [e, -e],
        [x[0] * e + 0.5 * r2 * e, x[1] * e - 0.5 * r2 * e],
    ];
    for (s, w) in shapes.iter().zip(want) {
        let mut dx = [0.0; 2];
        d_energy(black_box(s), &x, &mut dx, 1.0);
        close(dx[0], w[0], "dyn Shape, x0");
        close(dx[1], w[1], "dyn Shape, x1");
    }

    let k = black_box(1.7);
    let f = move |t: f64| k * t * t;
    let (_, d) = d_with(&Callback { f: &f }, black_box(0.6), 1.0);
    // f(x) f(2x) = 4 k^2 x^4
    close(d, 16.0 * k * k * 0.6f64.powi(3), "closure");
    println!("ok");
}
