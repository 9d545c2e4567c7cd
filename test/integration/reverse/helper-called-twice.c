// Reverse mode through a helper function called twice (and one called from a loop and from another helper): the calls are inlined and both contributions add up.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  double dx, dy;
} D2;
D2 __enzyme_autodiff2(void *, ...);

static double soft(double t) { return log(1.0 + exp(t)); }
static double sig(double t) { return 1.0 / (1.0 + exp(-t)); }
/* calls soft from inside */
static double layer(double w, double x) { return soft(w * x) * sig(x); }

static double twice(double x, double y) { return soft(x * y) + soft(x - y) * y; }
static double nested(double x, double y) {
  double s = 0.0;
  for (int i = 0; i < 5; ++i)
    s += layer(x + 0.1 * i, y) + soft(s * 0.1);
  return s + layer(y, x);
}
static double gn(const double *v) { return nested(v[0], v[1]); }

int main(void) {
  for (double x = -1.5; x <= 1.5; x += 0.75)
    for (double y = -1.0; y <= 2.0; y += 1.5) {
      D2 d = __enzyme_autodiff2((void *)twice, x, y);
      double s1 = sig(x * y), s2 = sig(x - y);
      EXPECT_NEAR(d.dx, s1 * y + s2 * y, 1e-12);
      EXPECT_NEAR(d.dy, s1 * x - s2 * y + soft(x - y), 1e-12);
      D2 e = __enzyme_autodiff2((void *)nested, x, y);
      double v[2] = {x, y};
      EXPECT_NEAR(e.dx, rev_fd_vec(gn, v, 2, 0), 1e-6);
      EXPECT_NEAR(e.dy, rev_fd_vec(gn, v, 2, 1), 1e-6);
    }
  return adj_report();
}
