// A std::vector<double> grown by push_back inside a differentiated
// function: when it reallocates, the library moves the elements from the
// old heap block to the new one with a memmove whose two sides the
// function only reaches through pointers loaded from the vector, so
// reverse mode cannot tell that the bytes are doubles. It says so at the
// copy (in the library header, reached from the user's function and
// request) at -O2. At -O0 the library's code keeps the element accesses
// that type the copy, and the allocation is an invoke, whose result's
// shadow goes on its normal path: it compiles, and does not crash.
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: %adjoint-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH --allow-empty
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <cmath>
#include <vector>

static double pushes(const double *x) {
  std::vector<double> v;
  for (int i = 0; i < 6; ++i)
    v.push_back(std::exp(0.5 * x[i]));
  double s = 0;
  for (double e : v)
    s += e;
  return s;
}

// CHECK: stl_uninitialized.h:{{[0-9]+}}:{{[0-9]+}}: error: adjoint: reverse mode cannot tell what this copy moves: neither side is a local or global array, and the function reads or writes the memory on both sides as different types (or not at all); copy the elements in a loop (reached from pushes(double const*), for the request at {{.*}}reverse-vector-growth.cpp:[[@LINE+1]])
void grad(const double *x, double *dx) { __enzyme_autodiff((void *)pushes, x, dx); }
// CHECK: 1 error generated.
