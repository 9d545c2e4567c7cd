// rustc checks no shadow's shape; Adjoint checks the lengths of Vecs behind
// duplicated references (a &Vec<T>, or a struct with Vec fields, read from
// debug info): a shadow shorter than its primal would be written past its
// end, so the program stops with a message naming the argument and field.
// RUN: %rustc-autodiff -O -Cdebuginfo=2 %s -o %t && %t
// RUN: %rustc-autodiff -Copt-level=0 -Cdebuginfo=2 %s -o %t0 && %t0
// RUN: %rustc-autodiff -O -Cdebuginfo=2 --cfg short_vec %s -o %t.vec
// RUN: not %t.vec 2>&1 | FileCheck %s --check-prefix=VEC
// VEC: adjoint: the shadow of `x` of 'shadow_lengths::sum_cubes' has the Vec of length 1 where the primal's has length 3
// RUN: %rustc-autodiff -Copt-level=0 -Cdebuginfo=2 --cfg short_field %s -o %t.field
// RUN: not %t.field 2>&1 | FileCheck %s --check-prefix=FIELD
// FIELD: adjoint: the shadow of `m` of 'shadow_lengths::predict' has .weights of length 0 where the primal's has length 2
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;

#[autodiff_reverse(d_sum_cubes, Duplicated, Active)]
fn sum_cubes(x: &Vec<f64>) -> f64 {
    x.iter().map(|v| v * v * v).sum()
}

struct Model {
    bias: f64,
    weights: Vec<f64>,
}

#[autodiff_reverse(d_predict, Duplicated, Active)]
fn predict(m: &Model) -> f64 {
    m.bias + m.weights.iter().enumerate().map(|(i, w)| w * (i as f64 + 1.0)).sum::<f64>()
}

fn main() {
    let x = black_box(vec![1.0, -2.0, 0.5]);
    let n = if cfg!(short_vec) { 1 } else { x.len() };
    let mut dx = vec![0.0; n];
    d_sum_cubes(&x, &mut dx, 1.0);
    for i in 0..3 {
        assert!((dx[i] - 3.0 * x[i] * x[i]).abs() < 1e-12, "d sum_cubes / d x[{i}]");
    }

    let m = Model { bias: 0.5, weights: black_box(vec![2.0, 3.0]) };
    let k = if cfg!(short_field) { 0 } else { 2 };
    let mut dm = Model { bias: 0.0, weights: vec![0.0; k] };
    d_predict(&m, &mut dm, 1.0);
    assert!((dm.bias - 1.0).abs() < 1e-12, "d predict / d bias");
    assert!((dm.weights[1] - 2.0).abs() < 1e-12, "d predict / d weights[1]");
    println!("ok");
}
