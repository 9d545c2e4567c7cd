// Hand-written adjoint of the Newton iterations (problems/newton.hpp): each point keeps its
// iterates, then sweeps back through y' = (y + a / y) / 2, where dy'/dy = (1 - a / y^2) / 2 and
// dy'/da = 1 / (2 y); the start y0 = a adds the remaining adjoint to a = x^2 + 1.
#include "../problems/newton.hpp"

namespace newton {
double grad_hand(const double* x, double* g, const Data&) {
  double f = 0;
  for (int i = 0; i < NP; ++i) {
    double a = x[i] * x[i] + 1.0, y = a, ys[128];
    int k = 0;
    while (std::fabs(y * y - a) > 1e-12 * a) {
      ys[k++] = y;
      y = 0.5 * (y + a / y);
    }
    double w = 1.0 + 0.001 * i;
    f += y * w;
    double yb = w, ab = 0;
    while (k-- > 0) {
      ab += 0.5 * yb / ys[k];
      yb *= 0.5 * (1 - a / (ys[k] * ys[k]));
    }
    ab += yb;
    g[i] += 2 * x[i] * ab;
  }
  return f;
}
}  // namespace newton
