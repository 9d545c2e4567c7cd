/* rules.h configuration: double. The two modes must agree to 1e-12 relative
 * (dot-product identity); the reverse gradient must also be within 1e-6 of a
 * central finite difference, so that two identical wrong answers (say 0 and
 * 0) cannot pass. */
#define _GNU_SOURCE
#define T double
#define SFX
#define TOL_DP 1e-12
#define TOL_FD 1e-6
#define FD_H 1e-6L
#define TYPE_NAME "double"
#define CONV_OTHER_IS_FLOAT
