// (h) ADBench's hand-tracking objective (simplified model): a 22-bone hand skeleton (root, wrist,
// five 4-bone fingers) is posed by 26 parameters -- a global angle-axis rotation and translation,
// and per finger a bend and a spread angle of its first bone and a bend of the next two. Each
// bone's relative transform is its rest transform times Rz(spread) Rx(bend); the absolute
// transforms are products along the parent chain; a vertex is skinned by linear blend skinning
// (dense weights over all bones) of its rest position, then rotated and translated globally.
// f = sum over observed points of the squared distance to the skinned corresponding vertex.
// x = the pose (26); data = rest transforms, rest mesh, skinning weights, points, correspondences.
#pragma once
#include <cmath>
#include <vector>
#include "../common.hpp"

namespace hand {
// Math functions: namespace-scope using-declarations so that double resolves to std:: and
// AD types are found by argument-dependent lookup (block-scope ones confuse Clad).
using std::cos;
using std::sin;
using std::sqrt;
constexpr const char* NAME = "hand";
// Sizes (BENCH_SIZE): the vertex count (= the observed points) 64, 2000, 16000; n = 26 always.
constexpr int NV = BENCH_SIZE == 0 ? 64 : BENCH_SIZE == 1 ? 2000 : 16000;
constexpr int NPTS = NV;
constexpr int NB = 22;
constexpr int NX = 26;

// Skeleton: bone 0 the root, 1 the wrist, finger f = bones 2+4f .. 5+4f in a chain.
constexpr int parent(int b) { return b == 0 ? -1 : b == 1 ? 0 : (b - 2) % 4 == 0 ? 1 : b - 1; }
// Pose parameter that bends bone b (about its x axis) / spreads it (about z), or -1, as in
// ADBench's to_pose_params: x[6+4f] bends and x[7+4f] spreads finger f's first bone, x[8+4f] and
// x[9+4f] bend the next two; fingertips, wrist and root are not posed.
constexpr int bend_param(int b) {
  const int f = (b - 2) / 4, k = (b - 2) % 4;  // finger, bone within the finger
  return b < 2 || k == 3 ? -1 : 6 + 4 * f + (k == 0 ? 0 : k + 1);
}
constexpr int spread_param(int b) {
  return b >= 2 && (b - 2) % 4 == 0 ? 7 + 4 * ((b - 2) / 4) : -1;
}

// out = P Q for affine 3x4 transforms [R | t] (row-major, implicit last row 0 0 0 1).
template <class T, class U, class V>
void compose(T* out, const U* P, const V* Q) {
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c)
      out[4 * r + c] = P[4 * r] * Q[c] + P[4 * r + 1] * Q[4 + c] + P[4 * r + 2] * Q[8 + c];
    out[4 * r + 3] += P[4 * r + 3];
  }
}

template <class T>
T objective(const T* x, const double* base_rel, const double* inv_base_abs, const double* base_pos,
            const double* weights, const double* points, const int* corr) {
  T A[NB][12];  // absolute posed transforms
  T M[NB][12];  // A times the inverse rest absolute: rest pose -> posed pose, per bone
  for (int b = 0; b < NB; ++b) {
    const double* R = base_rel + 12 * b;
    T Lr[12];  // posed relative transform: rest relative times E = Rz(spread) Rx(bend)
    const int pb = bend_param(b), ps = spread_param(b);
    if (pb < 0) {
      for (int k = 0; k < 12; ++k) Lr[k] = R[k];
    } else {
      T cx = cos(x[pb]), sx = sin(x[pb]);
      T cz = 1.0, sz = 0.0;
      if (ps >= 0) {
        cz = cos(x[ps]);
        sz = sin(x[ps]);
      }
      T E[12] = {cz,  -sz * cx, sz * sx,  0.0,   // E = Rz(spread) Rx(bend), zero translation
                 sz,  cz * cx,  -cz * sx, 0.0,
                 0.0, sx,       cx,       0.0};
      compose(Lr, R, E);
    }
    if (parent(b) < 0)
      for (int k = 0; k < 12; ++k) A[b][k] = Lr[k];
    else
      compose(A[b], A[parent(b)], Lr);
    compose(M[b], A[b], inv_base_abs + 12 * b);
  }
  // global rotation from the angle-axis vector x[0..2] (first order near zero)
  T G[9];
  T th2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  if (th2 > 1e-16) {
    T th = sqrt(th2);
    T u0 = x[0] / th, u1 = x[1] / th, u2 = x[2] / th;
    T s = sin(th), c = cos(th);
    T omc = 1.0 - c;
    G[0] = u0 * u0 * omc + c;
    G[1] = u0 * u1 * omc - u2 * s;
    G[2] = u0 * u2 * omc + u1 * s;
    G[3] = u0 * u1 * omc + u2 * s;
    G[4] = u1 * u1 * omc + c;
    G[5] = u1 * u2 * omc - u0 * s;
    G[6] = u0 * u2 * omc - u1 * s;
    G[7] = u1 * u2 * omc + u0 * s;
    G[8] = u2 * u2 * omc + c;
  } else {
    G[0] = 1.0;
    G[1] = -x[2];
    G[2] = x[1];
    G[3] = x[2];
    G[4] = 1.0;
    G[5] = -x[0];
    G[6] = -x[1];
    G[7] = x[0];
    G[8] = 1.0;
  }
  T f = 0.0;
  for (int p = 0; p < NPTS; ++p) {
    const int v = corr[p];
    const double* q = base_pos + 3 * v;
    const double* w = weights + NB * v;
    T s0 = 0.0, s1 = 0.0, s2 = 0.0;  // linear blend skinning of vertex v
    for (int b = 0; b < NB; ++b) {
      const T* m = M[b];
      s0 += w[b] * (m[0] * q[0] + m[1] * q[1] + m[2] * q[2] + m[3]);
      s1 += w[b] * (m[4] * q[0] + m[5] * q[1] + m[6] * q[2] + m[7]);
      s2 += w[b] * (m[8] * q[0] + m[9] * q[1] + m[10] * q[2] + m[11]);
    }
    T e0 = G[0] * s0 + G[1] * s1 + G[2] * s2 + x[3] - points[3 * p];
    T e1 = G[3] * s0 + G[4] * s1 + G[5] * s2 + x[4] - points[3 * p + 1];
    T e2 = G[6] * s0 + G[7] * s1 + G[8] * s2 + x[5] - points[3 * p + 2];
    f += e0 * e0 + e1 * e1 + e2 * e2;
  }
  return f;
}

struct Data {
  std::vector<double> base_rel, inv_base_abs, base_pos, weights, points, x0;
  std::vector<int> corr;
  Data()
      : base_rel(12 * NB), inv_base_abs(12 * NB), base_pos(3 * NV), weights(size_t(NB) * NV),
        points(3 * NPTS), x0(NX), corr(NPTS) {
    bench::Rng r(1701);
    // Rest skeleton: each bone is offset along its parent's y axis (the parent's length) and
    // turned by a small rotation Rz(az) Rx(ax); the fingers fan out from the wrist.
    std::vector<double> base_abs(12 * NB);
    const double len[4] = {0.6, 0.35, 0.25, 0.2};  // wrist->finger base, then the phalanges
    for (int b = 0; b < NB; ++b) {
      double t[3] = {0, 0, 0}, ax = 0.05 * r.normal(), az = 0.05 * r.normal();
      if (b == 1) t[1] = 0.5;
      if (b >= 2) {
        const int f = (b - 2) / 4, k = (b - 2) % 4;
        if (k == 0) {
          t[0] = 0.2 * (f - 2);
          az += f == 0 ? 0.6 : -0.12 * (f - 2);
        }
        t[1] = len[k];
      }
      const double cx = std::cos(ax), sx = std::sin(ax), cz = std::cos(az), sz = std::sin(az);
      const double Rr[12] = {cz, -sz * cx, sz * sx, t[0], sz, cz * cx, -cz * sx, t[1],
                             0.0, sx, cx, t[2]};
      for (int k = 0; k < 12; ++k) base_rel[12 * b + k] = Rr[k];
      if (parent(b) < 0)
        for (int k = 0; k < 12; ++k) base_abs[12 * b + k] = Rr[k];
      else
        compose(&base_abs[12 * b], &base_abs[12 * parent(b)], Rr);
      // inverse of the rigid transform [R | t] is [R^T | -R^T t]
      const double* a = &base_abs[12 * b];
      double* ia = &inv_base_abs[12 * b];
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) ia[4 * i + j] = a[4 * j + i];
        ia[4 * i + 3] = -(a[i] * a[3] + a[4 + i] * a[7] + a[8 + i] * a[11]);
      }
    }
    // Rest mesh: vertices scattered around the bones; weights fall off with the distance to
    // each bone's joint (dense, normalized).
    for (int v = 0; v < NV; ++v) {
      const int b = 1 + r.below(NB - 1);
      const double loc[3] = {0.08 * r.normal(), r.uniform(0, 0.3), 0.08 * r.normal()};
      const double* a = &base_abs[12 * b];
      double* pv = &base_pos[3 * v];
      for (int i = 0; i < 3; ++i)
        pv[i] = a[4 * i] * loc[0] + a[4 * i + 1] * loc[1] + a[4 * i + 2] * loc[2] + a[4 * i + 3];
      double sum = 0;
      for (int c = 0; c < NB; ++c) {
        const double* j = &base_abs[12 * c];
        const double d0 = pv[0] - j[3], d1 = pv[1] - j[7], d2 = pv[2] - j[11];
        const double w = std::exp(-(d0 * d0 + d1 * d1 + d2 * d2) / (2 * 0.15 * 0.15)) + 1e-6;
        weights[size_t(NB) * v + c] = w;
        sum += w;
      }
      for (int c = 0; c < NB; ++c) weights[size_t(NB) * v + c] /= sum;
    }
    // Observed points: rest-pose vertices plus noise, matched to random vertices.
    for (int p = 0; p < NPTS; ++p) {
      corr[p] = r.below(NV);
      for (int i = 0; i < 3; ++i) points[3 * p + i] = base_pos[3 * corr[p] + i] + 0.02 * r.normal();
    }
    for (int i = 0; i < 3; ++i) x0[i] = 0.3 * r.normal();
    for (int i = 3; i < 6; ++i) x0[i] = 0.1 * r.normal();
    for (int i = 6; i < NX; ++i) x0[i] = 0.3 * r.uniform(-1, 1);
  }
};

template <class T>
T eval(const T* x, const Data& d) {
  return objective<T>(x, d.base_rel.data(), d.inv_base_abs.data(), d.base_pos.data(),
                      d.weights.data(), d.points.data(), d.corr.data());
}

double grad_hand(const double* x, double* g, const Data& d);
}  // namespace hand
