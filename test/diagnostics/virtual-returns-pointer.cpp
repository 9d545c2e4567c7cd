// A virtual call that returns a reference into memory with derivatives works when reverse mode
// inlines its dispatcher (integration/reverse/cpp-virtual.cpp); reached again inside itself (a
// view that delegates to another object's virtual getter), the inner one stays a call, which
// is not supported yet: an error at that call that says so and how to avoid it, not a crash.
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

struct Store {
  virtual ~Store() {}
  virtual const double &at(int i) const = 0;
};
struct Forwards : Store {
  double v[3];
  const double &at(int i) const override { return v[i]; }
};
struct View : Store {
  const Store *base;
  // CHECK: virtual-returns-pointer.cpp:[[@LINE+1]]:{{[0-9]+}}: error: adjoint: reverse mode cannot yet differentiate a call through a function pointer (a virtual call) that returns a pointer into memory with derivatives; return the value instead, or make the call direct
  const double &at(int i) const override { return base->at(2 - i); }
};

__attribute__((noinline)) static double first(const Store *s) { return s->at(0); }

void grad(const Store *s, Store *ds) { __enzyme_autodiff((void *)first, s, ds); }
// Objects constructed here: the virtual functions are emitted, so the call has targets.
Store *make(int k) { return k ? static_cast<Store *>(new Forwards) : new View; }
// CHECK: 1 error generated.
