// __enzyme_allocation_like tables that cannot be right are errors naming the table and the fix:
// a size parameter that is not an integer, a map that does not fit the free, a free that does
// not take the block first, an allocator that returns no pointer, a table of the wrong shape.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOCRASH
// NOCRASH-NOT: Stack dump
#include <adjoint/enzyme.h>
#include <stddef.h>

void *alloc_a(void *pool, size_t n);
void free_a(void *p);
void *__enzyme_allocation_like_a[4] = {(void *)alloc_a, (void *)0, (void *)"-1", (void *)free_a};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_a' registers 'alloc_a' as an allocator: its parameter 0 is not an integer size

void *alloc_b(size_t n);
void free_b(void *p, size_t n);
void *__enzyme_allocation_like_b[4] = {(void *)alloc_b, (void *)0, (void *)"-1", (void *)free_b};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_b' registers 'alloc_b' as an allocator: the map "-1" has 1 entries, but 'free_b' takes 2 arguments

void *alloc_c(size_t n);
void free_c(size_t n, void *p);
void *__enzyme_allocation_like_c[4] = {(void *)alloc_c, (void *)0, (void *)"0,-1", (void *)free_c};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_c' registers 'alloc_c' as an allocator: 'free_c' must take the block first (map entry -1), then integer arguments of the allocation (their indices); frees of other shapes are not supported yet

long alloc_d(size_t n);
void free_d(void *p);
void *__enzyme_allocation_like_d[4] = {(void *)alloc_d, (void *)0, (void *)"-1", (void *)free_d};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_d' registers 'alloc_d' as an allocator: it must return the block (a pointer)

void *__enzyme_allocation_like_e[2] = {(void *)alloc_b, (void *)free_b};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_e' must be {(void *)alloc, (void *)SIZE, (void *)"MAP", (void *)free}

void *__enzyme_allocation_like_f[4] = {(void *)alloc_b, (void *)0, (void *)"-1,x", (void *)free_b};
// CHECK-DAG: error: adjoint: '__enzyme_allocation_like_f' registers 'alloc_b' as an allocator: the map "-1,x" must list -1 (the block) or the index of one of its parameters for each argument of 'free_b'

static double f(double x) { return x * x; }
double g(double x) { return __enzyme_autodiff((void *)f, x); }
