// Dot-product test between the two modes, rule by rule, in double: for every
// libm function and arithmetic operator, the reverse gradient g and the
// forward tangent J.u satisfy <g, u> = J.u to 1e-12 relative, for each unit
// direction and for random ones (see Inputs/rules.h).
// RUN: %check-program %s
#include "Inputs/config-double.h"
#include "Inputs/rules.h"

int main(void) {
  run_rules_cases();
  return adj_report();
}
