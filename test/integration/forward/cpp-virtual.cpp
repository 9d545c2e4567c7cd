// Forward mode (C++) through virtual calls on objects whose dynamic type is decided at run time.
// RUN: %check-program %s
#include "adjoint_test.h"
#include <cmath>

struct Shape {
  virtual ~Shape() {}
  virtual double area(double s) const = 0;
};
struct Square : Shape {
  double area(double s) const override { return s * s; }
};
struct Disk : Shape {
  double area(double s) const override { return 3.14159265358979 * s * s / 4.0; }
};
struct Hexagon : Shape {
  double area(double s) const override { return 1.5 * std::sqrt(3.0) * s * s; }
};

static Square sq;
static Disk dk;
static Hexagon hx;
static const Shape *shapes[3] = {&sq, &dk, &hx};

/* total area of shapes scaled by a common factor, chosen by an integer code */
static double total(double s, int code) {
  double a = 0.0;
  for (int i = 0; i < 3; ++i)
    if (code & (1 << i))
      a += shapes[i]->area(s * (i + 1));
  return a;
}

int main() {
  const double k[3] = {1.0, 3.14159265358979 / 4.0, 1.5 * std::sqrt(3.0)};
  for (int code = 1; code < 8; ++code) {
    for (double s = 0.25; s <= 2.0; s += 0.25) {
      double d = __enzyme_fwddiff((void *)total, s, 1.0, code);
      double exact = 0.0;
      for (int i = 0; i < 3; ++i)
        if (code & (1 << i))
          exact += 2 * k[i] * s * (i + 1) * (i + 1);
      EXPECT_NEAR(d, exact, 1e-12);
    }
  }
  return adj_report();
}
