// A call through a function pointer that reaches a function the translation unit does not
// define (here one compiled separately, without Adjoint) stops the program with a message in
// both modes when derivatives flow through it, rather than give a gradient without its part.
// Through the same pointer with no derivatives involved, the call is the primal's.
// RUN: %clang -O2 -DOTHER_FILE -c %s -o %t.other.o
// RUN: %adjoint-cc -O2 %s %t.other.o -o %t.rev -lm
// RUN: not --crash %t.rev reverse 2>&1 | FileCheck %s
// RUN: not --crash %t.rev forward 2>&1 | FileCheck %s
// RUN: %t.rev inactive | FileCheck %s --check-prefix=INACTIVE
// RUN: %adjoint-cc -O0 %s %t.other.o -o %t.rev0 -lm
// RUN: not --crash %t.rev0 reverse 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O2 -DBAD_DECL -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=DECL
// CHECK: adjoint: a call through a function pointer in differentiated code reached a function that has no derivative here: it is not defined in {{.*}}indirect-unknown-target.c, or its address is never taken there
// INACTIVE: primal 1.5 derivative 0
#ifdef OTHER_FILE
double elsewhere(double x) { return x * x; }
int counter(int n) { return n + 1; }
#else
#include <adjoint/enzyme.h>
#include <stdio.h>
#include <string.h>

typedef double (*fn_t)(double);
double elsewhere(double x);
static double local(double x) { return 3 * x; }
fn_t pick(int k) { return k ? elsewhere : local; }

static double apply(fn_t f, double x) { return f(x) + x; }

typedef int (*count_t)(int);
int counter(int n);
static int localCounter(int n) { return n + 2; }
count_t pickCounter(int k) { return k ? counter : localCounter; }
/* The integer callback carries no derivative: it runs as in the primal. */
static double scaled(count_t c, double x) { return x * c(0); }

#ifdef BAD_DECL
double __enzyme_virtualreverse(double);
double bad(double x) { return __enzyme_virtualreverse(x); }
// DECL: error: adjoint: __enzyme_virtualreverse takes a function pointer and returns its shadow: declare it `void *__enzyme_virtualreverse(void *)`
#endif

int main(int argc, char **argv) {
  const char *how = argc > 1 ? argv[1] : "";
  if (!strcmp(how, "reverse"))
    printf("%g\n", __enzyme_autodiff((void *)apply, enzyme_const, pick(1), 2.0));
  if (!strcmp(how, "forward"))
    printf("%g\n", __enzyme_fwddiff((void *)apply, enzyme_const, pick(1), 2.0, 1.0));
  if (!strcmp(how, "inactive"))
    printf("primal %g derivative %g\n", scaled(pickCounter(1), 1.5),
           __enzyme_autodiff((void *)scaled, enzyme_const, pickCounter(1), 1.5) - 1.0);
  return 0;
}
#endif
