// Hand-written backpropagation through time for the LSTM loss (problems/lstm.hpp). The forward
// sweep records, per step and layer, each cell's input, previous state and gate values, and the
// adjoint of the step's prediction (known as soon as the step's loss is); the reverse sweep runs
// the cells backwards, carrying the hidden- and cell-state adjoints.
#include "../problems/lstm.hpp"

namespace lstm {
namespace {
constexpr int REC = 8;                   // recorded values per cell
constexpr int STEP = (L * REC + 1) * B;  // per step: the cells, then d loss / d top hidden
inline double sig(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

double grad_hand(const double* x, double* g, const Data& d) {
  static thread_local std::vector<double> tape;
  tape.resize(size_t(C - 1) * STEP);
  for (int i = 0; i < NX; ++i) g[i] = 0.0;
  const double* ext = x + OEXT;
  double* gext = g + OEXT;
  const double* seq = d.seq.data();
  double hid[L][B], cel[L][B], inp[B], ey[B];
  for (int l = 0; l < L; ++l)
    for (int i = 0; i < B; ++i) {
      hid[l][i] = d.state0[(2 * l) * B + i];
      cel[l][i] = d.state0[(2 * l + 1) * B + i];
    }
  const double inv_cnt = 1.0 / ((C - 1) * B);
  double total = 0.0;
  for (int t = 0; t < C - 1; ++t) {
    const double* xin = seq + t * B;
    const double* ygold = seq + (t + 1) * B;
    double* rec = tape.data() + size_t(t) * STEP;
    for (int i = 0; i < B; ++i) inp[i] = xin[i] * ext[i];
    for (int l = 0; l < L; ++l) {
      const double* w = x + l * LAYER;
      const double* bias = w + 4 * B;
      double* r = rec + l * REC * B;
      for (int i = 0; i < B; ++i) {
        const double in = inp[i], hp = hid[l][i], cp = cel[l][i];
        const double f = sig(in * w[i] + bias[i]);
        const double ig = sig(hp * w[B + i] + bias[B + i]);
        const double o = sig(in * w[2 * B + i] + bias[2 * B + i]);
        const double ch = std::tanh(hp * w[3 * B + i] + bias[3 * B + i]);
        const double c = cp * f + ig * ch;
        const double tc = std::tanh(c);
        r[i] = in;
        r[B + i] = hp;
        r[2 * B + i] = cp;
        r[3 * B + i] = f;
        r[4 * B + i] = ig;
        r[5 * B + i] = o;
        r[6 * B + i] = ch;
        r[7 * B + i] = tc;
        cel[l][i] = c;
        hid[l][i] = o * tc;
      }
      for (int i = 0; i < B; ++i) inp[i] = hid[l][i];
    }
    double yp[B], se = 0.0, sy = 0.0;
    for (int i = 0; i < B; ++i) {
      yp[i] = inp[i] * ext[B + i] + ext[2 * B + i];
      ey[i] = std::exp(yp[i]);
      se += ey[i];
      sy += ygold[i];
    }
    const double lse = std::log(se + 2.0);
    for (int i = 0; i < B; ++i) total += ygold[i] * (yp[i] - lse);
    // f = -total / cnt: d f / d yp_i = -(ygold_i - sum(ygold) exp(yp_i) / (se + 2)) / cnt
    double* dtop = rec + L * REC * B;
    const double sc = sy / (se + 2.0);
    for (int i = 0; i < B; ++i) {
      const double dy = -inv_cnt * (ygold[i] - sc * ey[i]);
      gext[B + i] += dy * inp[i];
      gext[2 * B + i] += dy;
      dtop[i] = dy * ext[B + i];
    }
  }
  // reverse sweep: dh, dc = adjoints of each layer's hidden and cell state after step t
  double dh[L][B] = {}, dc[L][B] = {};
  for (int t = C - 2; t >= 0; --t) {
    const double* xin = seq + t * B;
    const double* rec = tape.data() + size_t(t) * STEP;
    const double* dtop = rec + L * REC * B;
    for (int i = 0; i < B; ++i) dh[L - 1][i] += dtop[i];
    for (int l = L - 1; l >= 0; --l) {
      const double* w = x + l * LAYER;
      double* gw = g + l * LAYER;
      double* gb = gw + 4 * B;
      const double* r = rec + l * REC * B;
      for (int i = 0; i < B; ++i) {
        const double in = r[i], hp = r[B + i], cp = r[2 * B + i], f = r[3 * B + i];
        const double ig = r[4 * B + i], o = r[5 * B + i], ch = r[6 * B + i], tc = r[7 * B + i];
        const double dhi = dh[l][i];
        const double dci = dc[l][i] + dhi * o * (1.0 - tc * tc);
        const double zf = dci * cp * f * (1.0 - f);  // adjoints of the gate pre-activations
        const double zi = dci * ch * ig * (1.0 - ig);
        const double zo = dhi * tc * o * (1.0 - o);
        const double zc = dci * ig * (1.0 - ch * ch);
        gw[i] += zf * in;
        gb[i] += zf;
        gw[B + i] += zi * hp;
        gb[B + i] += zi;
        gw[2 * B + i] += zo * in;
        gb[2 * B + i] += zo;
        gw[3 * B + i] += zc * hp;
        gb[3 * B + i] += zc;
        dc[l][i] = dci * f;
        dh[l][i] = zi * w[B + i] + zc * w[3 * B + i];
        const double din = zf * w[i] + zo * w[2 * B + i];
        if (l > 0)
          dh[l - 1][i] += din;  // the input was the lower layer's new hidden state
        else
          gext[i] += din * xin[i];
      }
    }
  }
  return -total * inv_cnt;
}
}  // namespace lstm
