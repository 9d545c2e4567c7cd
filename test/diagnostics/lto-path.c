// Errors are reported when the pass runs inside lld at a full-LTO link,
// and the link fails.
// RUN: %clang -O2 -flto -I/work/main/include -c %s -o %t.o
// RUN: not %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.o -o %t.exe 2>&1 | FileCheck %s --check-prefix=NODEBUG
// RUN: %clang -O2 -g -flto -I/work/main/include -c %s -o %t.g.o
// RUN: not %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.g.o -o %t.exe 2>&1 | FileCheck %s
// RUN: not %clang -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin=%plugin %t.g.o -o %t.exe 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: PLEASE submit a bug report
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>

static double f(double x, double y) { return x * y; }

__attribute__((noinline)) double df(double x) {
  // NODEBUG: ld.lld: error: {{.*}}in function df {{.*}}: adjoint: too few arguments: 'f' takes 2 parameters but the request ends before argument 2
  // CHECK: ld.lld: error: {{.*}}lto-path.c:[[@LINE+1]]:{{[0-9]+}}: in function df {{.*}}: adjoint: too few arguments: 'f' takes 2 parameters
  return __enzyme_fwddiff((void *)f, x, 1.0);
}

int main(void) { return (int)df(2.0); }
// NODEBUG: linker command failed
// CHECK: linker command failed
