// Dot-product test between the two modes, rule by rule, in float (sinf,
// powf, ...): the reverse gradient g and the forward tangent J.u satisfy
// <g, u> = J.u to 1e-5 relative (see Inputs/rules.h).
// RUN: %check-program %s
#include "Inputs/config-float.h"
#include "Inputs/rules.h"

int main(void) {
  run_rules_cases();
  return adj_report();
}
