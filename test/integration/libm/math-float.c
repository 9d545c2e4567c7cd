// Forward mode through every libm function in float: sinf, powf, lgammaf,
// ... called by name; float arguments and tangents pass through
// __enzyme_fwddiff's varargs as double. Each function is checked at several
// points against its analytic derivative (1e-5 relative) and a central
// finite difference (2e-2, adj_fdf); every argument of multi-argument
// functions. Cases: Inputs/libm-cases.h.
// RUN: %check-program %s
#include "Inputs/config-float.h"
#include "Inputs/libm-cases.h"

int main(void) {
  run_libm_cases();
  return adj_report();
}
