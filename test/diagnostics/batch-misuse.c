// __enzyme_batch used wrongly: no width, a derivative marker, too few lanes, a lane of the
// wrong type, a result that cannot hold the lanes. Each is an error at its call.
// RUN: not %adjoint-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %adjoint-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK-NOT: Stack dump
extern int enzyme_width, enzyme_vector, enzyme_scalar, enzyme_dup;
struct two {
  double a, b;
};
struct two __enzyme_batch(void *, ...);
double __enzyme_batch_one(void *, ...);

static double f(double x, double c) { return x * c; }

struct two no_width(double x) { return __enzyme_batch((void *)f, enzyme_vector, x, x, 1.0); }
// CHECK-DAG: batch-misuse.c:[[@LINE-1]]:{{[0-9]+}}: error: adjoint: __enzyme_batch needs the number of lanes
struct two dup(double x) {
  return __enzyme_batch((void *)f, enzyme_width, 2, enzyme_dup, x, x, 1.0);
  // CHECK-DAG: batch-misuse.c:[[@LINE-1]]:{{[0-9]+}}: error: adjoint: marker 'enzyme_dup' before argument 1 is not one of __enzyme_batch's
}
struct two few(double x) {
  return __enzyme_batch((void *)f, enzyme_width, 2, enzyme_vector, x, enzyme_scalar, 1.0);
  // CHECK-DAG: batch-misuse.c:[[@LINE-1]]:{{[0-9]+}}: error: adjoint: argument 1 of 'f' needs 2 values (enzyme_vector: one per lane), but a marker follows
}
struct two wrong_type(double x, double *p) {
  return __enzyme_batch((void *)f, enzyme_width, 2, enzyme_vector, x, p, 1.0);
  // CHECK-DAG: batch-misuse.c:[[@LINE-1]]:{{[0-9]+}}: error: adjoint: lane 2 of argument 1 of 'f' has type ptr but the parameter has type double
}
double one(double x) {
  return __enzyme_batch_one((void *)f, enzyme_width, 2, enzyme_vector, x, x, 1.0);
  // CHECK-DAG: batch-misuse.c:[[@LINE-1]]:{{[0-9]+}}: error: adjoint: __enzyme_batch is declared to return double but gives 2 values of type double
}
