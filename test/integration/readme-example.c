// The quick-start example (examples/hello.c) must keep working: it checks its own derivatives
// against analytic values and exits non-zero on a mismatch.
// RUN: %check-program %S/../../examples/hello.c
