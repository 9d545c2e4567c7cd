// Reverse mode through memory via rustc's autodiff and libEnzyme-22.so:
// Duplicated slices (gradients accumulate into the shadow slice), &Vec<f64>
// (the shadow is a whole Vec), a struct by reference, a method with a
// constant &self, and an output slice written by the function.
// RUN: %rustc-autodiff -O %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 %s -o %t0 && %t0
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

#[autodiff_reverse(d_energy, Duplicated, Active)]
fn energy(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 1..x.len() {
        s += (x[i] - x[i - 1]).powi(2) * 0.5 + x[i].sin();
    }
    s
}

#[autodiff_reverse(d_vec_sum, Duplicated, Active)]
fn vec_sum(v: &Vec<f64>) -> f64 {
    v.iter().map(|e| e * e * e).sum()
}

#[derive(Clone, Copy)]
struct Point {
    a: f64,
    b: f64,
}
#[autodiff_reverse(d_area, Duplicated, Active)]
fn area(p: &Point) -> f64 {
    p.a * p.b + p.a.ln()
}

struct Scale {
    k: f64,
}
impl Scale {
    #[autodiff_reverse(d_apply, Const, Active, Active)]
    fn apply(&self, x: f64) -> f64 {
        self.k * x * x
    }
}

#[autodiff_reverse(d_square_into, Duplicated, Duplicated)]
fn square_into(x: &[f64], y: &mut [f64]) {
    for i in 0..x.len() {
        y[i] = x[i] * x[i];
    }
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= 1e-12 * scale, "{what}: got {got}, expected {want}");
}

fn main() {
    let x = vec![0.3, -0.2, 0.9, 1.4];
    let mut dx = vec![0.0; 4];
    let e = d_energy(black_box(&x), black_box(&mut dx), 1.0);
    close(e, energy(&x), "energy");
    for i in 0..4 {
        let mut g = 0.0;
        if i > 0 {
            g += x[i] - x[i - 1] + x[i].cos();
        }
        if i + 1 < 4 {
            g -= x[i + 1] - x[i];
        }
        close(dx[i], g, "d energy");
    }

    let v = vec![1.0, 2.0, -0.5];
    let mut dv = vec![0.0; 3];
    d_vec_sum(black_box(&v), black_box(&mut dv), 1.0);
    for i in 0..3 {
        close(dv[i], 3.0 * v[i] * v[i], "d vec_sum");
    }

    let p = Point { a: 2.0, b: 3.0 };
    let mut dp = Point { a: 0.0, b: 0.0 };
    d_area(black_box(&p), black_box(&mut dp), 1.0);
    close(dp.a, 3.0 + 0.5, "d area/da");
    close(dp.b, 2.0, "d area/db");

    let s = Scale { k: 1.5 };
    let (y, dy) = s.d_apply(black_box(2.0), 1.0);
    close(y, 6.0, "apply");
    close(dy, 6.0, "d apply");

    let xs = vec![1.0, -3.0];
    let mut dxs = vec![0.0; 2];
    let mut ys = vec![0.0; 2];
    let mut dys = vec![1.0, 0.5];
    d_square_into(black_box(&xs), black_box(&mut dxs), black_box(&mut ys), black_box(&mut dys));
    close(ys[1], 9.0, "square_into");
    close(dxs[0], 2.0, "d square_into 0");
    close(dxs[1], 2.0 * -3.0 * 0.5, "d square_into 1");
    println!("ok");
}
