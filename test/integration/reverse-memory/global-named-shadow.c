// Globals with shadows the user names (__enzyme_shadow_globals): reverse mode adds the
// gradient with respect to a global parameter and a global array into the named shadows
// (the caller zeroes them); a global state the function overwrites passes its adjoint
// through its shadow; forward mode reads a seed from a named shadow, one per lane with
// enzyme_width 2. Analytic values and finite differences.
// RUN: %check-program %s
#include "Inputs/rm_fd.h"

typedef struct {
  double d[2];
} vec2;
vec2 __enzyme_fwddiff_v2(void *, ...);

#define N 4
double scale = 1.5, scale_shadow, scale_lane2;
double weights[N] = {0.5, -1.0, 2.0, 0.25}, weights_shadow[N];
double state[N], state_shadow[N];

/* `used`: nothing reads the table, and link-time optimization would drop it */
__attribute__((used)) void *__enzyme_shadow_globals[][3] = {
    {&scale, &scale_shadow, &scale_lane2},
    {&weights, &weights_shadow},
    {&state, &state_shadow},
};

/* f = scale * sum_i w_i sin(x_i); writes state_i = scale * x_i^2 and reads it back */
static double f(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i) {
    state[i] = scale * x[i] * x[i];
    s += weights[i] * sin(x[i]) + 0.1 * state[i];
  }
  return scale * s;
}
static double f_scale(double *p) {
  double keep = scale, x[N] = {0.3, -0.7, 1.1, 0.2};
  scale = p[0];
  double r = f(x);
  scale = keep;
  return r;
}
static double f_weights(double *w) {
  double keep[N], x[N] = {0.3, -0.7, 1.1, 0.2};
  memcpy(keep, weights, sizeof keep);
  memcpy(weights, w, sizeof keep);
  double r = f(x);
  memcpy(weights, keep, sizeof keep);
  return r;
}
static double f_x(double *x) { return f(x); }

/* forward: g = scale^2 * x */
static double g(double x) { return scale * scale * x; }

int main(void) {
  double x[N] = {0.3, -0.7, 1.1, 0.2}, dx[N] = {0};
  __enzyme_autodiff((void *)f, x, dx);
  for (int i = 0; i < N; ++i)
    EXPECT_NEAR(state[i], scale * x[i] * x[i], 1e-15); /* the forward pass ran */
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += weights[i] * sin(x[i]) + 0.1 * scale * x[i] * x[i];
  /* d f / d scale = s + scale * sum 0.1 x_i^2 */
  double sq = 0;
  for (int i = 0; i < N; ++i)
    sq += 0.1 * x[i] * x[i];
  EXPECT_NEAR(scale_shadow, s + scale * sq, 1e-13);
  EXPECT_NEAR(scale_shadow, rm_fd(f_scale, &scale, 1, 0), 1e-7);
  for (int i = 0; i < N; ++i) {
    EXPECT_NEAR(weights_shadow[i], scale * sin(x[i]), 1e-14);
    EXPECT_NEAR(weights_shadow[i], rm_fd(f_weights, weights, N, i), 1e-7);
    EXPECT_NEAR(dx[i], scale * (weights[i] * cos(x[i]) + 0.2 * scale * x[i]), 1e-13);
    EXPECT_NEAR(dx[i], rm_fd(f_x, x, N, i), 1e-7);
    /* the state's adjoint was moved out of its shadow when it was stored */
    EXPECT_NEAR(state_shadow[i], 0.0, 0.0);
  }

  /* accumulation: a second gradient adds to the shadows */
  double first = scale_shadow;
  __enzyme_autodiff((void *)f, x, dx);
  EXPECT_NEAR(scale_shadow, 2 * first, 1e-13);

  /* forward mode: the tangent of g with scale seeded 1 and x seeded 0 is 2 scale x */
  scale_shadow = 1.0;
  double t = __enzyme_fwddiff((void *)g, 0.8, 0.0);
  EXPECT_NEAR(t, 2 * scale * 0.8, 1e-15);
  /* two lanes: lane 1 seeds x, lane 2 seeds scale through its own shadow */
  scale_shadow = 0.0;
  scale_lane2 = 1.0;
  vec2 r = __enzyme_fwddiff_v2((void *)g, enzyme_width, 2, 0.8, 1.0, 0.0);
  EXPECT_NEAR(r.d[0], scale * scale, 1e-15);
  EXPECT_NEAR(r.d[1], 2 * scale * 0.8, 1e-15);
  return adj_report();
}
