// Without LTO, the translation unit that holds the requests does not have
// the definition of model (it is in Inputs/model.c): compiling it alone
// with the driver fails, naming model, both for a request on model itself
// and for a request on a local function that calls model. With -flto and
// the linker plugin the same file links and runs.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
// RUN: %clang -O2 -flto -I/work/main/include -I/work/main/test/integration/include -c %s -o %t.main.o
// RUN: %clang -O2 -flto -I/work/main/include -I/work/main/test/integration/include -c %S/Inputs/model.c -o %t.model.o
// RUN: %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.main.o %t.model.o -o %t.exe -lm
// RUN: %t.exe
#include "adjoint_test.h"

/* Defined in Inputs/model.c. */
double model(double x, const double *p);

static const double p0[3] = {0.7, 1.3, -0.4};

static double twice_model(double x) {
  // CHECK-DAG: external-without-lto.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: cannot differentiate a call to 'model': it is not defined in this translation unit and has no derivative rule; define it here (or build with -flto and the Adjoint linker plugin), or pass its arguments as enzyme_const (reached from twice_model, for the request at {{.*}}external-without-lto.c:[[#@LINE+10]])
  return 2 * model(x, p0);
}
static double model_of_x(double x) { return model(x, p0); }

int main(void) {
  double x = 0.9;
  // CHECK-DAG: external-without-lto.c:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: the first argument of __enzyme_fwddiff must name a function defined in this translation unit {{.*}}; 'model' is only declared
  double d = __enzyme_fwddiff((void *)model, x, 1.0, enzyme_const, p0);
  EXPECT_NEAR(d, adj_fd(model_of_x, x), 1e-6);
  double d2 = __enzyme_fwddiff((void *)twice_model, x, 1.0);
  EXPECT_NEAR(d2, 2 * d, 1e-12);
  return adj_report();
}
// CHECK: 2 errors generated.
