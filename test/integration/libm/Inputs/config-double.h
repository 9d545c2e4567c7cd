/* libm-cases.h configuration: double. Tolerances: 1e-12 relative against
 * the analytic derivative, 1e-6 against central differences (adj_fd). */
#define _GNU_SOURCE
#define T double
#define SFX
#define IR_T "f64"
#define DT double
#define FWD __enzyme_fwddiff
#define TOL_A 1e-12
#define TOL_GAMMA 1e-12
#define TOL_FD 1e-6
#define FD_H 1e-6L
#define FD1(f, x) adj_fd(f, x)
#define TYPE_NAME "double"
