// Forward mode through every libm function in long double (x86_fp80):
// sinl, powl, lgammal, ... called by name, the tangent returned as long
// double. Each function is checked at several points against its analytic
// derivative (1e-15 relative; 1e-12 for lgamma/tgamma) and a central finite
// difference in long double (1e-8); every argument of multi-argument
// functions. Cases: Inputs/libm-cases.h.
// RUN: %check-program %s
#include "Inputs/config-longdouble.h"
#include "Inputs/libm-cases.h"

int main(void) {
  run_libm_cases();
  return adj_report();
}
