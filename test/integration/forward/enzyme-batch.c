// __enzyme_batch: a function on N lanes of its arguments (enzyme_vector: one value per
// lane; enzyme_scalar or unmarked: one value for every lane), results returned as the
// struct or array the caller declares. Widths 2, 4 and 8; scalar results, float results,
// void functions writing through per-lane pointers, and a math library function. Each lane
// is checked against a direct call.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <math.h>

extern int enzyme_width, enzyme_vector, enzyme_scalar;

struct lanes2 {
  double v[2];
};
struct lanes4 {
  double a, b, c, d;
};
struct lanes8 {
  double v[8];
};
struct flanes4 {
  float v[4];
};
struct lanes2 __enzyme_batch_2(void *, ...);
struct lanes4 __enzyme_batch(void *, ...);
struct lanes8 __enzyme_batch_8(void *, ...);
struct flanes4 __enzyme_batch_f(void *, ...);
void __enzyme_batch_void(void *, ...);

static double relu_scaled(double x, double a) { return x > 0 ? a * x : 0.1 * x; }
static float cubic(float x) { return x * x * x - 2.0f * x; }
static void axpy(int n, double a, const double *x, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}
__attribute__((noinline)) static double poly(double x, double y, int k) {
  double s = 0;
  for (int i = 0; i < k; ++i)
    s = s * x + y;
  return s;
}

int main(void) {
  double x[8] = {-1.5, 0.25, 2.0, -0.125, 3.5, 0.0, -2.25, 1.0};
  {
    struct lanes4 r = __enzyme_batch((void *)relu_scaled, enzyme_width, 4, enzyme_vector, x[0],
                                     x[1], x[2], x[3], enzyme_scalar, 1.5);
    EXPECT_NEAR(r.a, relu_scaled(x[0], 1.5), 0);
    EXPECT_NEAR(r.b, relu_scaled(x[1], 1.5), 0);
    EXPECT_NEAR(r.c, relu_scaled(x[2], 1.5), 0);
    EXPECT_NEAR(r.d, relu_scaled(x[3], 1.5), 0);
  }
  {
    // Unmarked arguments are the same in every lane.
    struct lanes2 r =
        __enzyme_batch_2((void *)poly, enzyme_width, 2, enzyme_vector, x[2], x[4], 0.5, 6);
    EXPECT_NEAR(r.v[0], poly(x[2], 0.5, 6), 0);
    EXPECT_NEAR(r.v[1], poly(x[4], 0.5, 6), 0);
  }
  {
    struct lanes8 r = __enzyme_batch_8((void *)sin, enzyme_width, 8, enzyme_vector, x[0], x[1],
                                       x[2], x[3], x[4], x[5], x[6], x[7]);
    for (int k = 0; k < 8; ++k)
      EXPECT_NEAR(r.v[k], sin(x[k]), 0);
  }
  {
    struct flanes4 r = __enzyme_batch_f((void *)cubic, enzyme_width, 4, enzyme_vector, 0.5f,
                                        -1.0f, 2.0f, 1.25f);
    float in[4] = {0.5f, -1.0f, 2.0f, 1.25f};
    for (int k = 0; k < 4; ++k)
      EXPECT_NEAR(r.v[k], cubic(in[k]), 0);
  }
  {
    double y0[3] = {1, 2, 3}, y1[3] = {-1, 0, 1}, in[3] = {0.5, 0.25, 2};
    __enzyme_batch_void((void *)axpy, enzyme_width, 2, enzyme_scalar, 3, enzyme_vector, 2.0,
                        -3.0, enzyme_scalar, in, enzyme_vector, y0, y1);
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(y0[i], (i + 1) + 2.0 * in[i], 0);
      EXPECT_NEAR(y1[i], (i - 1) - 3.0 * in[i], 0);
    }
  }
  return adj_report();
}
