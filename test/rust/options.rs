// The -Zautodiff options rustc passes on to the backend: PrintPerf, PrintAA
// and PrintSteps turn on Adjoint's -adjoint-print-perf, -adjoint-print-activity
// and -adjoint-print; PrintTA, PrintTAFn, LooseTypes and Inline are accepted
// and change nothing (the derivatives stay right).
// RUN: %rustc-autodiff -O -Zautodiff=PrintPerf %s -o %t.perf | FileCheck %s --check-prefix=PERF
// PERF: adjoint: perf: {{.*}}7options{{.*}}: block
// PERF: adjoint: perf: 1 request(s) served in {{[0-9.]+}} s (generation and re-optimization)
// RUN: %t.perf
// RUN: %rustc-autodiff -O -Zautodiff=PrintAA %s -o %t.aa | FileCheck %s --check-prefix=AA
// AA: adjoint: useful values of {{.*}}7options
// AA: active
// RUN: %rustc-autodiff -O -Zautodiff=PrintSteps %s -o %t.steps | FileCheck %s --check-prefix=STEPS
// STEPS: define {{.*}}7options
// RUN: %rustc-autodiff -O %s -o %t.plain | FileCheck %s --check-prefix=QUIET --allow-empty
// QUIET-NOT: adjoint:
// RUN: %rustc-autodiff -O -Zautodiff=PrintTA,PrintTAFn=f,LooseTypes,Inline %s -o %t.rest
// RUN: %t.rest
#![feature(autodiff)]
use std::autodiff::autodiff_reverse;

#[autodiff_reverse(d_horner, Duplicated, Active, Active)]
fn horner(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| (acc * x + ci).sin())
}

fn main() {
    let c = std::hint::black_box([0.5, -1.0, 0.25, 2.0]);
    let x = std::hint::black_box(0.7);
    let mut dc = [0.0; 4];
    let (_, dx) = d_horner(&c, &mut dc, x, 1.0);
    let h = 1e-6;
    let fd = (horner(&c, x + h) - horner(&c, x - h)) / (2.0 * h);
    assert!((dx - fd).abs() < 1e-7, "d/dx: got {dx}, finite differences {fd}");
    let mut cp = c;
    cp[0] += h;
    let mut cm = c;
    cm[0] -= h;
    let fd0 = (horner(&cp, x) - horner(&cm, x)) / (2.0 * h);
    assert!((dc[0] - fd0).abs() < 1e-7, "d/dc0: got {}, finite differences {fd0}", dc[0]);
}
