//! The gradient of the Rosenbrock function and of a small least-squares fit,
//! by rustc's `std::autodiff` with Adjoint as its backend; both are checked
//! against the analytic gradient and the program exits non-zero on a mismatch.
#![feature(autodiff)]
use std::autodiff::{autodiff_forward, autodiff_reverse};

/// sum_i 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2
#[autodiff_reverse(rosenbrock_grad, Duplicated, Active)]
fn rosenbrock(x: &[f64]) -> f64 {
    x.windows(2)
        .map(|w| 100.0 * (w[1] - w[0] * w[0]).powi(2) + (1.0 - w[0]).powi(2))
        .sum()
}

/// Least squares of the line a + b t through the points (t, y).
#[autodiff_reverse(fit_grad, Active, Active, Const, Active)]
fn fit(a: f64, b: f64, points: &[(f64, f64)]) -> f64 {
    points.iter().map(|&(t, y)| (a + b * t - y).powi(2)).sum::<f64>() / points.len() as f64
}

/// The directional derivative of exp(x) sin(y) by forward mode.
#[autodiff_forward(wave_tangent, Dual, Dual, Dual)]
fn wave(x: f64, y: f64) -> f64 {
    x.exp() * y.sin()
}

fn check(what: &str, got: f64, want: f64) -> bool {
    let ok = (got - want).abs() <= 1e-10 * want.abs().max(1.0);
    println!("{what:<28} {got:>22.15e}   expected {want:>22.15e}   {}", if ok { "ok" } else { "WRONG" });
    ok
}

fn main() {
    let mut ok = true;

    let x = [-1.2, 1.0, 0.8, 1.5];
    let mut dx = [0.0; 4];
    let value = rosenbrock_grad(&x, &mut dx, 1.0);
    println!("rosenbrock({x:?}) = {value}");
    for i in 0..x.len() {
        let mut want = 0.0;
        if i + 1 < x.len() {
            want += -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i]);
        }
        if i > 0 {
            want += 200.0 * (x[i] - x[i - 1] * x[i - 1]);
        }
        ok &= check(&format!("d rosenbrock / d x[{i}]"), dx[i], want);
    }

    let points = [(0.0, 1.0), (1.0, 2.9), (2.0, 5.2), (3.0, 6.8)];
    let (a, b) = (0.5, 1.5);
    let (_, da, db) = fit_grad(a, b, &points, 1.0);
    let n = points.len() as f64;
    let want_da: f64 = points.iter().map(|&(t, y)| 2.0 * (a + b * t - y)).sum::<f64>() / n;
    let want_db: f64 = points.iter().map(|&(t, y)| 2.0 * (a + b * t - y) * t).sum::<f64>() / n;
    ok &= check("d fit / d a", da, want_da);
    ok &= check("d fit / d b", db, want_db);

    let (x, y) = (0.3, 1.1);
    let (_, t) = wave_tangent(x, 1.0, y, 0.5);
    ok &= check("d wave along (1, 0.5)", t, x.exp() * y.sin() + 0.5 * x.exp() * y.cos());

    if !ok {
        eprintln!("a derivative is wrong");
        std::process::exit(1);
    }
    println!("all derivatives match");
}
