// Reverse mode mixing float and double: float arguments with double arithmetic inside (fpext/fptrunc), a double argument with a float intermediate, and a struct of {float, double} gradients.
// RUN: %check-program %s
#include "Inputs/rev_fd.h"

typedef struct {
  float df;
  double dd;
} FD;
FD __enzyme_autodiff_fd(void *, ...);
float __enzyme_autodiff_f(void *, ...);

/* float in, computed in double, float out */
static float up(float x) {
  double y = (double)x;
  return (float)(sin(y) * y + exp(0.5 * y));
}
/* double in, a float stage in the middle */
static double down(double x) {
  float t = (float)(x * x);
  float u = sqrtf(t + 1.0f);
  return (double)u * x;
}
/* double twins for the finite differences */
static double up_d(double x) { return sin(x) * x + exp(0.5 * x); }
static double down_d(double x) { return sqrt(x * x + 1.0) * x; }
/* one float and one double active argument */
static double both(float a, double b) { return (double)a * b * b + sin((double)a) + tanh(b); }

int main(void) {
  for (float x = -1.5f; x <= 1.5f; x += 0.5f) {
    float d = __enzyme_autodiff_f((void *)up, x);
    double y = x;
    EXPECT_NEAR(d, cos(y) * y + sin(y) + 0.5 * exp(0.5 * y), 1e-6);
    EXPECT_NEAR(d, adj_fd(up_d, y), 1e-6);
  }
  for (double x = -1.5; x <= 1.5; x += 0.5) {
    double d = __enzyme_autodiff((void *)down, x);
    /* the float stage rounds values, not the chain rule: compare at float accuracy */
    EXPECT_NEAR(d, sqrt(x * x + 1) + x * x / sqrt(x * x + 1), 1e-6);
    EXPECT_NEAR(d, adj_fd(down_d, x), 1e-6);
  }
  for (float a = -1.0f; a <= 1.0f; a += 0.5f)
    for (double b = -1.0; b <= 1.0; b += 1.0) {
      FD g = __enzyme_autodiff_fd((void *)both, a, b);
      double t = tanh(b);
      EXPECT_NEAR(g.df, b * b + cos((double)a), 1e-6);
      EXPECT_NEAR(g.dd, 2 * (double)a * b + 1 - t * t, 1e-12);
    }
  return adj_report();
}
