/* rules.h configuration: long double (x86_fp80 on x86-64). The two modes must
 * agree to 1e-15 relative (the type's epsilon is 1.1e-19; conv rounds through
 * double); the reverse gradient must be within 1e-6 of a central finite
 * difference. Reverse results of two or three long doubles come back through
 * the hidden return pointer. */
#define _GNU_SOURCE
#define T long double
#define SFX l
#define TOL_DP 1e-15
#define TOL_FD 1e-6
#define FD_H 1e-6L
#define TYPE_NAME "long double"
