/* Split reverse mode for a function with a double result: the augmented forward pass returns
 * {tape, f(x)}, the reverse pass returns the derivative of the active scalar argument (or
 * nothing useful when there is none). Shared by the split-mode programs (the folder is
 * excluded from lit discovery as "Inputs"). */
#ifndef SPLIT_H
#define SPLIT_H

typedef struct {
  void *tape;
  double y;
} Aug;
Aug __enzyme_augmentfwd_r(void *, ...);
double __enzyme_reverse_d(void *, ...);

#endif
