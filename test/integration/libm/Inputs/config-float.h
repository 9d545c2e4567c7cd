/* libm-cases.h configuration: float. Arguments and tangents reach
 * __enzyme_fwddiff promoted to double (C varargs); the tangent comes back as
 * double. Tolerances: 1e-5 relative against the analytic derivative, 2e-2
 * against central differences (adj_fdf). */
#define _GNU_SOURCE
#define T float
#define SFX f
#define IR_T "f32"
#define DT double
#define FWD __enzyme_fwddiff
#define TOL_A 1e-5
#define TOL_GAMMA 1e-5
#define TOL_FD 2e-2
#define FD_H 1e-3L
#define FD1(f, x) adj_fdf(f, x)
#define TYPE_NAME "float"
