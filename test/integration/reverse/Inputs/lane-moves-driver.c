/* Driver of lane-moves.ll: the gradient of f (16 inputs) against central
 * differences, component by component, and against forward mode along a
 * few directions. Exits non-zero on a mismatch. */
#include <math.h>
#include <stdio.h>
#include <string.h>

double primal(double *x);
void gradient(double *x, double *g);
double tangent(double *x, double *u);

enum { N = 16 };

int main(void) {
  double x[N], g[N] = {0}, u[N];
  int failed = 0, checks = 0;
  for (int i = 0; i < N; ++i)
    x[i] = 0.3 + 0.17 * i - 0.05 * i * (i % 3);
  gradient(x, g);
  for (int i = 0; i < N; ++i) {
    double h = 1e-6 * fmax(1.0, fabs(x[i])), xp[N], xm[N];
    memcpy(xp, x, sizeof x);
    memcpy(xm, x, sizeof x);
    xp[i] += h;
    xm[i] -= h;
    double fd = (primal(xp) - primal(xm)) / (2 * h);
    ++checks;
    if (fabs(fd - g[i]) > 1e-6 * (1 + fabs(fd))) {
      printf("d f / d x[%d]: reverse %.12g, central difference %.12g\n", i, g[i], fd);
      ++failed;
    }
  }
  for (int k = 0; k < 3; ++k) {
    double dot = 0;
    for (int i = 0; i < N; ++i) {
      u[i] = sin(1.7 * i + k) + 0.1 * k;
      dot += g[i] * u[i];
    }
    double jv = tangent(x, u);
    ++checks;
    if (fabs(dot - jv) > 1e-12 * (1 + fabs(jv))) {
      printf("direction %d: reverse <g, u> = %.17g, forward J u = %.17g\n", k, dot, jv);
      ++failed;
    }
  }
  printf("%d of %d checks failed\n", failed, checks);
  return failed != 0;
}
