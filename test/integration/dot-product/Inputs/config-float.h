/* rules.h configuration: float. Arguments reach the entry points promoted to
 * double (C varargs); derivatives come back as float. The two modes must
 * agree to 1e-5 relative; the reverse gradient must be within 2e-2 of a
 * central finite difference (computed in long double from float values). */
#define _GNU_SOURCE
#define T float
#define SFX f
#define TOL_DP 1e-5
#define TOL_FD 2e-2
#define FD_H 1e-3L
#define TYPE_NAME "float"
