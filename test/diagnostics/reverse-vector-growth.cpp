// A std::vector of structs that mix a double and an int, grown by push_back inside a
// differentiated function: the library moves the elements to the new buffer with a memmove
// whose sides are heap blocks the function accesses as doubles and as ints, so reverse mode
// cannot tell which bytes are doubles. It says so at the copy (in the library header, reached
// from the user's function and request) rather than guess. (Vectors of doubles work:
// integration/reverse-memory/cxx-vector-push-back.cpp.)
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <vector>

struct Item {
  double w;
  int tag;
};
static double items(const double *x) {
  std::vector<Item> v;
  for (int i = 0; i < 6; ++i)
    v.push_back({x[i] * (i + 1), i % 3});
  double s = 0;
  for (const Item &it : v)
    s += it.w * it.w * (it.tag + 1);
  return s;
}

// CHECK: stl_{{[a-z]+}}.h:{{[0-9]+}}:{{[0-9]+}}: error: adjoint: reverse mode cannot tell what this copy moves: neither side is a local or global array, and the function reads or writes the memory on both sides as different types (or not at all); copy the elements in a loop (reached from items(double const*), for the request at {{.*}}reverse-vector-growth.cpp:[[@LINE+1]])
void grad(const double *x, double *dx) { __enzyme_autodiff((void *)items, x, dx); }
// CHECK: 1 error generated.
