// The tape at run time: with ADJOINT_TAPE_STATS set, a program reports the
// largest tape storage its gradients grew; when the tape cannot grow (here
// under a 400 MiB address-space limit, for a gradient that needs about
// 1.6 GB of tape) the program stops with a message naming the tape and the
// size it needed, not a segmentation fault.
// RUN: %adjoint-cc -O2 %s -o %t -lm
// RUN: env ADJOINT_TAPE_STATS=1 %t 20000 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=STATS < %t.err
// RUN: %t 20000 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: not --crash sh -c 'ulimit -v 409600; exec %t 100000000' 2>&1 | FileCheck %s --check-prefix=OOM
// STATS: adjoint: largest tape storage in {{.*}}tape-limits.c: {{[0-9]+}} bytes ({{[0-9.]+}} MiB)
// QUIET-NOT: adjoint:
// QUIET: ok
// OOM: adjoint: out of memory: the tape of a gradient (the values its reverse pass needs) could not grow to {{[0-9]+}} bytes
#include <adjoint/enzyme.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

// A loop whose trip count is data-dependent (a while loop): the tape is a
// stack that grows, 16 bytes or more per iteration.
static double walk(double x, long n) {
  double s = 0;
  long i = 0;
  while (s < (double)n) {
    s += 1.0 + 0.5 * sin(x + 1e-3 * (double)i);
    ++i;
  }
  return s * x;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  double d = __enzyme_autodiff((void *)walk, 0.3, enzyme_const, n);
  if (!isfinite(d))
    return 1;
  printf("ok\n");
  return 0;
}
