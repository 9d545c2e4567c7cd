//! Reverse-mode kernels of bench/reverse/kernels.c in Rust: gradient time by
//! rustc's std::autodiff through Adjoint against the primal and a hand-written
//! gradient. Built twice by bench/rust/run.sh: with `--cfg ad` (the gradients
//! come from autodiff) and without (the same program, its d_* functions call
//! the hand-written gradients), to compare compile times.
#![cfg_attr(ad, feature(autodiff))]
#[cfg(ad)]
use std::autodiff::autodiff_reverse;
use std::hint::black_box;
use std::time::Instant;

const N: usize = 4096;
const MN: usize = 256;
const STEPS: usize = 20000;

// 1. log-sum-exp of an array
#[cfg_attr(ad, autodiff_reverse(d_lse, Duplicated, Active))]
fn lse(x: &[f64]) -> f64 {
    let mut m = x[0];
    for &v in &x[1..] {
        m = if v > m { v } else { m };
    }
    let mut s = 0.0;
    for &v in x {
        s += (v - m).exp();
    }
    m + s.ln()
}
fn lse_hand(x: &[f64], g: &mut [f64]) {
    let mut m = x[0];
    for &v in &x[1..] {
        m = if v > m { v } else { m };
    }
    let s: f64 = x.iter().map(|&v| (v - m).exp()).sum();
    for (gi, &v) in g.iter_mut().zip(x) {
        *gi += (v - m).exp() / s;
    }
}

// 2. quadratic form x^T A x with a constant banded A (5 bands)
const BAND: [f64; 5] = [0.1, -0.4, 2.0, -0.4, 0.1];
#[cfg_attr(ad, autodiff_reverse(d_quad, Duplicated, Active))]
fn quad(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 2..x.len() - 2 {
        let mut ax = 0.0;
        for k in 0..5 {
            ax += BAND[k] * x[i + k - 2];
        }
        s += x[i] * ax;
    }
    s
}
fn quad_hand(x: &[f64], g: &mut [f64]) {
    for i in 2..x.len() - 2 {
        let mut ax = 0.0;
        for k in 0..5 {
            ax += BAND[k] * x[i + k - 2];
            g[i + k - 2] += x[i] * BAND[k];
        }
        g[i] += ax;
    }
}

// 3. an ODE system (3 states, RK2 midpoint): derivative w.r.t. its 4 parameters
#[inline(always)]
fn rates(a: f64, b: f64, c: f64, d: f64, u: f64, v: f64, w: f64) -> (f64, f64, f64) {
    (a * (v - u), u * (b - w) - v, u * v - c * w + d * u.sin())
}
#[inline(always)]
fn midpoint(a: f64, b: f64, c: f64, d: f64, u: f64, v: f64, w: f64, h: f64) -> (f64, f64, f64) {
    let (du, dv, dw) = rates(a, b, c, d, u, v, w);
    (u + 0.5 * h * du, v + 0.5 * h * dv, w + 0.5 * h * dw)
}
#[inline(always)]
fn rk2_step(a: f64, b: f64, c: f64, d: f64, u: f64, v: f64, w: f64, h: f64) -> (f64, f64, f64) {
    let (um, vm, wm) = midpoint(a, b, c, d, u, v, w, h);
    let (du, dv, dw) = rates(a, b, c, d, um, vm, wm);
    (u + h * du, v + h * dv, w + h * dw)
}
#[cfg_attr(ad, autodiff_reverse(d_ode, Active, Active, Active, Active, Active))]
fn ode(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let (mut u, mut v, mut w, h) = (1.0f64, 0.5f64, 0.2f64, 1e-3);
    for _ in 0..STEPS {
        (u, v, w) = rk2_step(a, b, c, d, u, v, w, h);
    }
    u * u + v * v + w * w
}
fn ode_hand(a: f64, b: f64, c: f64, d: f64, traj: &mut [[f64; 3]]) -> [f64; 4] {
    let (mut u, mut v, mut w, h) = (1.0f64, 0.5f64, 0.2f64, 1e-3);
    for s in 0..STEPS {
        traj[s] = [u, v, w];
        (u, v, w) = rk2_step(a, b, c, d, u, v, w, h);
    }
    let (mut ub, mut vb, mut wb) = (2.0 * u, 2.0 * v, 2.0 * w);
    let mut g = [0.0; 4];
    for s in (0..STEPS).rev() {
        let [u, v, w] = traj[s];
        let (um, vm, wm) = midpoint(a, b, c, d, u, v, w, h);
        let (du2b, dv2b, dw2b) = (h * ub, h * vb, h * wb);
        let umb = -a * du2b + (b - wm) * dv2b + (vm + d * um.cos()) * dw2b;
        let vmb = a * du2b - dv2b + um * dw2b;
        let wmb = -um * dv2b - c * dw2b;
        g[0] += (vm - um) * du2b;
        g[1] += um * dv2b;
        g[2] += -wm * dw2b;
        g[3] += um.sin() * dw2b;
        let (du1b, dv1b, dw1b) = (0.5 * h * umb, 0.5 * h * vmb, 0.5 * h * wmb);
        let mut nub = ub + umb;
        let mut nvb = vb + vmb;
        let mut nwb = wb + wmb;
        nub += -a * du1b + (b - w) * dv1b + (v + d * u.cos()) * dw1b;
        nvb += a * du1b - dv1b + u * dw1b;
        nwb += -u * dv1b - c * dw1b;
        g[0] += (v - u) * du1b;
        g[1] += u * dv1b;
        g[2] += -w * dw1b;
        g[3] += u.sin() * dw1b;
        ub = nub;
        vb = nvb;
        wb = nwb;
    }
    g
}

// 4. a dense matrix-vector product, f = |A x|^2; gradient w.r.t. A and x
#[cfg_attr(ad, autodiff_reverse(d_matvec, Duplicated, Duplicated, Active))]
fn matvec(a: &[f64], x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n {
        let mut y = 0.0;
        for j in 0..n {
            y += a[i * n + j] * x[j];
        }
        s += y * y;
    }
    s
}
fn matvec_hand(a: &[f64], x: &[f64], ga: &mut [f64], gx: &mut [f64]) {
    let n = x.len();
    for i in 0..n {
        let mut y = 0.0;
        for j in 0..n {
            y += a[i * n + j] * x[j];
        }
        let yb = 2.0 * y;
        for j in 0..n {
            ga[i * n + j] += yb * x[j];
            gx[j] += yb * a[i * n + j];
        }
    }
}

// Without autodiff the d_* functions are the hand-written gradients, so that
// both builds compile the same program around them.
#[cfg(not(ad))]
fn d_lse(x: &[f64], g: &mut [f64], _seed: f64) -> f64 {
    lse_hand(x, g);
    lse(x)
}
#[cfg(not(ad))]
fn d_quad(x: &[f64], g: &mut [f64], _seed: f64) -> f64 {
    quad_hand(x, g);
    quad(x)
}
#[cfg(not(ad))]
fn d_ode(a: f64, b: f64, c: f64, d: f64, _seed: f64) -> (f64, f64, f64, f64, f64) {
    let mut traj = vec![[0.0; 3]; STEPS];
    let g = ode_hand(a, b, c, d, &mut traj);
    (ode(a, b, c, d), g[0], g[1], g[2], g[3])
}
#[cfg(not(ad))]
fn d_matvec(a: &[f64], ga: &mut [f64], x: &[f64], gx: &mut [f64], _seed: f64) -> f64 {
    matvec_hand(a, x, ga, gx);
    matvec(a, x)
}

/// Median over 7 samples of the time per call (each sample >= 50 ms).
fn time(mut body: impl FnMut()) -> f64 {
    let mut reps = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..reps {
            body();
        }
        if t.elapsed().as_secs_f64() > 0.05 {
            break;
        }
        reps *= 2;
    }
    let mut samples: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                body();
            }
            t.elapsed().as_secs_f64() / reps as f64
        })
        .collect();
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[3]
}

fn maxrel(a: &[f64], b: &[f64]) -> f64 {
    let num = a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max);
    let den = b.iter().map(|y| y.abs()).fold(1e-300, f64::max);
    num / den
}

/// Times the primal, Adjoint's gradient and the hand-written one, and prints
/// their ratios; \p err compares the two gradients.
fn measure(name: &str, err: f64, primal: impl FnMut(), grad: impl FnMut(), hand: impl FnMut()) {
    if !(err < 1e-9) {
        println!("RESULT kernel={name} status=WRONG err_vs_hand={err:.2e}");
        std::process::exit(1);
    }
    let (tp, tg, th) = (time(primal), time(grad), time(hand));
    println!(
        "RESULT kernel={name} primal_s={tp:.4e} adjoint_s={tg:.4e} hand_s={th:.4e} \
         adjoint/primal={:.2} hand/primal={:.2} adjoint/hand={:.2} err_vs_hand={err:.1e}",
        tg / tp,
        th / tp,
        tg / th
    );
}

/// A kernel of one vector: its gradient checked against the hand-written
/// one, then timed.
fn vector_kernel(
    name: &str,
    x: &[f64],
    f: fn(&[f64]) -> f64,
    df: fn(&[f64], &mut [f64], f64) -> f64,
    hand: fn(&[f64], &mut [f64]),
) {
    let (mut g, mut gh) = (vec![0.0; x.len()], vec![0.0; x.len()]);
    df(x, &mut g, 1.0);
    hand(x, &mut gh);
    measure(
        name,
        maxrel(&g, &gh),
        || {
            black_box(f(black_box(x)));
        },
        || {
            black_box(df(black_box(x), &mut g, 1.0));
        },
        || hand(black_box(x), &mut gh),
    );
}

fn main() {
    let x: Vec<f64> = (0..N).map(|i| (0.37 * i as f64).sin() + 0.1 * (1.3 * i as f64).cos()).collect();
    vector_kernel("logsumexp", &x, lse, d_lse, lse_hand);
    vector_kernel("quadform", &x, quad, d_quad, quad_hand);

    let p = (1.3, 0.7, 0.4, 0.2);
    let (_, da, db, dc, dd) = d_ode(p.0, p.1, p.2, p.3, 1.0);
    let mut traj = vec![[0.0; 3]; STEPS];
    let gh4 = ode_hand(p.0, p.1, p.2, p.3, &mut traj);
    measure(
        "ode-rk2",
        maxrel(&[da, db, dc, dd], &gh4),
        || {
            black_box(ode(black_box(p.0), p.1, p.2, p.3));
        },
        || {
            black_box(d_ode(black_box(p.0), p.1, p.2, p.3, 1.0));
        },
        || {
            black_box(ode_hand(black_box(p.0), p.1, p.2, p.3, &mut traj));
        },
    );

    let a: Vec<f64> = (0..MN * MN).map(|i| (0.11 * i as f64).cos()).collect();
    let xv: Vec<f64> = (0..MN).map(|i| (0.7 * i as f64).sin()).collect();
    let (mut ga, mut gx) = (vec![0.0; MN * MN], vec![0.0; MN]);
    let (mut gah, mut gxh) = (vec![0.0; MN * MN], vec![0.0; MN]);
    d_matvec(&a, &mut ga, &xv, &mut gx, 1.0);
    matvec_hand(&a, &xv, &mut gah, &mut gxh);
    measure(
        "matvec",
        maxrel(&ga, &gah).max(maxrel(&gx, &gxh)),
        || {
            black_box(matvec(black_box(&a), &xv));
        },
        || {
            black_box(d_matvec(black_box(&a), &mut ga, &xv, &mut gx, 1.0));
        },
        || matvec_hand(black_box(&a), &xv, &mut gah, &mut gxh),
    );
}
