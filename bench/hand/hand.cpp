// Hand-written reverse gradient of the hand-tracking objective (problems/hand.hpp). Forward: the
// bone transforms, then per point the blended matrix sum_b w_b M_b, the skinned vertex and its
// residual; the point's adjoint is pushed at once into dG and into dM_b += w_b ds (q, 1)^T, so
// nothing per point is stored. Reverse over the bones (children before parents): M = A Binv,
// A = A_parent Lr, Lr = Rest E(bend, spread); last the angle-axis rotation.
#include "../problems/hand.hpp"

namespace hand {
double grad_hand(const double* x, double* g, const Data& d) {
  for (int i = 0; i < NX; ++i) g[i] = 0.0;
  double Lr[NB][12], A[NB][12], M[NB][12], cs[NB][4];  // cs: cos/sin of bend, spread
  for (int b = 0; b < NB; ++b) {
    const double* R = d.base_rel.data() + 12 * b;
    const int pb = bend_param(b), ps = spread_param(b);
    if (pb < 0) {
      for (int k = 0; k < 12; ++k) Lr[b][k] = R[k];
    } else {
      const double cx = std::cos(x[pb]), sx = std::sin(x[pb]);
      const double cz = ps >= 0 ? std::cos(x[ps]) : 1.0, sz = ps >= 0 ? std::sin(x[ps]) : 0.0;
      cs[b][0] = cx;
      cs[b][1] = sx;
      cs[b][2] = cz;
      cs[b][3] = sz;
      const double E[12] = {cz,  -sz * cx, sz * sx,  0.0,
                            sz,  cz * cx,  -cz * sx, 0.0,
                            0.0, sx,       cx,       0.0};
      compose(Lr[b], R, E);
    }
    if (parent(b) < 0)
      for (int k = 0; k < 12; ++k) A[b][k] = Lr[b][k];
    else
      compose(A[b], A[parent(b)], Lr[b]);
    compose(M[b], A[b], d.inv_base_abs.data() + 12 * b);
  }
  // global rotation
  double G[9], u[3] = {0, 0, 0}, th = 0, s = 0, c = 1, omc = 0;
  const double th2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  const bool big = th2 > 1e-16;
  if (big) {
    th = std::sqrt(th2);
    for (int i = 0; i < 3; ++i) u[i] = x[i] / th;
    s = std::sin(th);
    c = std::cos(th);
    omc = 1.0 - c;
    G[0] = u[0] * u[0] * omc + c;
    G[1] = u[0] * u[1] * omc - u[2] * s;
    G[2] = u[0] * u[2] * omc + u[1] * s;
    G[3] = u[0] * u[1] * omc + u[2] * s;
    G[4] = u[1] * u[1] * omc + c;
    G[5] = u[1] * u[2] * omc - u[0] * s;
    G[6] = u[0] * u[2] * omc - u[1] * s;
    G[7] = u[1] * u[2] * omc + u[0] * s;
    G[8] = u[2] * u[2] * omc + c;
  } else {
    const double G1[9] = {1.0, -x[2], x[1], x[2], 1.0, -x[0], -x[1], x[0], 1.0};
    for (int k = 0; k < 9; ++k) G[k] = G1[k];
  }
  // points: forward and reverse fused
  double dM[NB][12] = {}, dG[9] = {};
  double f = 0.0;
  for (int p = 0; p < NPTS; ++p) {
    const int v = d.corr[p];
    const double* q = d.base_pos.data() + 3 * v;
    const double* w = d.weights.data() + NB * v;
    double Mv[12] = {};
    for (int b = 0; b < NB; ++b)
      for (int k = 0; k < 12; ++k) Mv[k] += w[b] * M[b][k];
    double sv[3], e[3];
    for (int i = 0; i < 3; ++i)
      sv[i] = Mv[4 * i] * q[0] + Mv[4 * i + 1] * q[1] + Mv[4 * i + 2] * q[2] + Mv[4 * i + 3];
    for (int i = 0; i < 3; ++i)
      e[i] = G[3 * i] * sv[0] + G[3 * i + 1] * sv[1] + G[3 * i + 2] * sv[2] + x[3 + i] -
             d.points[3 * p + i];
    f += e[0] * e[0] + e[1] * e[1] + e[2] * e[2];
    double ds[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
      const double de = 2.0 * e[i];
      g[3 + i] += de;
      for (int j = 0; j < 3; ++j) {
        dG[3 * i + j] += de * sv[j];
        ds[j] += G[3 * i + j] * de;
      }
    }
    double Z[12];  // adjoint of the blended matrix: ds (q, 1)^T
    for (int i = 0; i < 3; ++i) {
      Z[4 * i] = ds[i] * q[0];
      Z[4 * i + 1] = ds[i] * q[1];
      Z[4 * i + 2] = ds[i] * q[2];
      Z[4 * i + 3] = ds[i];
    }
    for (int b = 0; b < NB; ++b)
      for (int k = 0; k < 12; ++k) dM[b][k] += w[b] * Z[k];
  }
  // bones, children first: dA accumulates from M = A Binv and from the children's A = A Lr
  double dA[NB][12] = {};
  for (int b = NB - 1; b >= 0; --b) {
    const double* IB = d.inv_base_abs.data() + 12 * b;
    double* da = dA[b];
    // M = A Binv: dA_R += dM Binv^T (with Binv's t column), dA_t += dM_t
    for (int r = 0; r < 3; ++r) {
      for (int cc = 0; cc < 3; ++cc)
        da[4 * r + cc] += dM[b][4 * r] * IB[4 * cc] + dM[b][4 * r + 1] * IB[4 * cc + 1] +
                          dM[b][4 * r + 2] * IB[4 * cc + 2] + dM[b][4 * r + 3] * IB[4 * cc + 3];
      da[4 * r + 3] += dM[b][4 * r + 3];
    }
    // A = P Lr: dP_R += dA Lr^T, dP_t += dA_t; dLr_R = P_R^T dA_R (Lr_t is constant)
    double dL[9];
    const int pa = parent(b);
    if (pa < 0) {
      for (int r = 0; r < 3; ++r)
        for (int cc = 0; cc < 3; ++cc) dL[3 * r + cc] = da[4 * r + cc];
    } else {
      const double* P = A[pa];
      const double* Lb = Lr[b];
      double* dp = dA[pa];
      for (int r = 0; r < 3; ++r)
        for (int cc = 0; cc < 3; ++cc)
          dL[3 * r + cc] = P[r] * da[cc] + P[4 + r] * da[4 + cc] + P[8 + r] * da[8 + cc];
      for (int r = 0; r < 3; ++r) {
        for (int cc = 0; cc < 3; ++cc)
          dp[4 * r + cc] += da[4 * r] * Lb[4 * cc] + da[4 * r + 1] * Lb[4 * cc + 1] +
                            da[4 * r + 2] * Lb[4 * cc + 2] + da[4 * r + 3] * Lb[4 * cc + 3];
        dp[4 * r + 3] += da[4 * r + 3];
      }
    }
    const int pb = bend_param(b), ps = spread_param(b);
    if (pb < 0) continue;
    // Lr_R = Rest_R E: dE = Rest_R^T dLr_R, then E = Rz(spread) Rx(bend)
    const double* R = d.base_rel.data() + 12 * b;
    double dE[9];
    for (int r = 0; r < 3; ++r)
      for (int cc = 0; cc < 3; ++cc)
        dE[3 * r + cc] = R[r] * dL[cc] + R[4 + r] * dL[3 + cc] + R[8 + r] * dL[6 + cc];
    const double cx = cs[b][0], sx = cs[b][1], cz = cs[b][2], sz = cs[b][3];
    const double dcx = -sz * dE[1] + cz * dE[4] + dE[8];
    const double dsx = sz * dE[2] - cz * dE[5] + dE[7];
    g[pb] += -sx * dcx + cx * dsx;
    if (ps >= 0) {
      const double dcz = dE[0] + cx * dE[4] - sx * dE[5];
      const double dsz = -cx * dE[1] + sx * dE[2] + dE[3];
      g[ps] += -sz * dcz + cz * dsz;
    }
  }
  // angle-axis rotation
  if (big) {
    const double s01 = dG[1] + dG[3], s02 = dG[2] + dG[6], s12 = dG[5] + dG[7];
    double du[3];
    du[0] = omc * (2 * u[0] * dG[0] + u[1] * s01 + u[2] * s02) + s * (dG[7] - dG[5]);
    du[1] = omc * (2 * u[1] * dG[4] + u[0] * s01 + u[2] * s12) + s * (dG[2] - dG[6]);
    du[2] = omc * (2 * u[2] * dG[8] + u[0] * s02 + u[1] * s12) + s * (dG[3] - dG[1]);
    const double domc = u[0] * u[0] * dG[0] + u[1] * u[1] * dG[4] + u[2] * u[2] * dG[8] +
                        u[0] * u[1] * s01 + u[0] * u[2] * s02 + u[1] * u[2] * s12;
    const double dc = dG[0] + dG[4] + dG[8] - domc;
    const double dsn = u[2] * (dG[3] - dG[1]) + u[1] * (dG[2] - dG[6]) + u[0] * (dG[7] - dG[5]);
    const double dth = dsn * c - dc * s;
    // u = x / th: dx = (du - u (u . du)) / th + u dth
    const double udu = u[0] * du[0] + u[1] * du[1] + u[2] * du[2];
    for (int i = 0; i < 3; ++i) g[i] += (du[i] - u[i] * udu) / th + u[i] * dth;
  } else {
    g[0] += dG[7] - dG[5];
    g[1] += dG[2] - dG[6];
    g[2] += dG[3] - dG[1];
  }
  return f;
}
}  // namespace hand
