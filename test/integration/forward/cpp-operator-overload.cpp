// Forward mode (C++) through a small value class with overloaded operators returned by value (Vec3 geometry).
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
  Vec3 operator+(const Vec3 &o) const { return {x + o.x, y + o.y, z + o.z}; }
  Vec3 operator-(const Vec3 &o) const { return {x - o.x, y - o.y, z - o.z}; }
  Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
  double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  Vec3 cross(const Vec3 &o) const { return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x}; }
  Vec3 &operator+=(const Vec3 &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
};

/* area of a triangle fan around p[0] plus a bending term */
static double fan_area(const Vec3 *p, int n) {
  double a = 0.0;
  Vec3 nsum = {0, 0, 0};
  for (int i = 1; i + 1 < n; ++i) {
    Vec3 c = (p[i] - p[0]).cross(p[i + 1] - p[0]);
    a += 0.5 * std::sqrt(c.dot(c));
    nsum += c * 0.5;
  }
  return a + 0.1 * nsum.dot(nsum);
}

int main() {
  const int n = 5;
  Vec3 p[n] = {{0, 0, 0}, {1, 0, 0.1}, {0.8, 0.9, -0.2}, {-0.1, 1.1, 0.3}, {-0.9, 0.2, 0.0}};
  for (int j = 0; j < n; ++j) {
    for (int c = 0; c < 3; ++c) {
      Vec3 dp[n] = {};
      double *slot = c == 0 ? &dp[j].x : c == 1 ? &dp[j].y : &dp[j].z;
      *slot = 1.0;
      double d = __enzyme_fwddiff((void *)fan_area, p, dp, n);
      Vec3 pp[n], pm[n];
      for (int i = 0; i < n; ++i)
        pp[i] = pm[i] = p[i];
      double h = 1e-6;
      (c == 0 ? pp[j].x : c == 1 ? pp[j].y : pp[j].z) += h;
      (c == 0 ? pm[j].x : c == 1 ? pm[j].y : pm[j].z) -= h;
      EXPECT_NEAR(d, (fan_area(pp, n) - fan_area(pm, n)) / (2 * h), 1e-6);
    }
  }
  return adj_report();
}
