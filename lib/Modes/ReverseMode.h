//===- Modes/ReverseMode.h - gradient functions -----------------*- C++ -*-===//
//
/// \file
/// Reverse mode: for a function f and an activity signature builds the
/// gradient function
///
///   f.rev(args, with the shadow after each duplicated pointer)
///     -> {adjoints of the active scalar arguments, in order}
///
/// which runs f forward (recording on a tape what the reverse pass needs),
/// seeds the adjoint of f's float result with 1, and runs the reverse pass.
/// The rules are the ones forward mode reads: adjoint_k += partial_k * adjoint.
///
/// The same builder also makes the split form, two functions:
///
///   augment.f(args, shadows) -> {ptr tape[, f's result]}
///   reverse.f(args, shadows[, adjoint of f's result], ptr tape) -> {adjoints}
///
/// where the tape holds everything the reverse pass reads (nothing else
/// survives between the two calls) and the reverse function frees it.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_REVERSEMODE_H
#define ADJOINT_MODES_REVERSEMODE_H

#include "Modes/DerivativeSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class Function;
class Instruction;
} // namespace llvm

namespace adjoint {

/// Letters of a gradient's activity signature, one per argument.
namespace GradientActivity {
constexpr char Const = 'c';      ///< inactive
constexpr char Duplicated = 'd'; ///< a pointer whose shadow receives adjoints
constexpr char Active = 'o';     ///< a float whose adjoint is returned
} // namespace GradientActivity

class ReverseMode {
public:
  explicit ReverseMode(DerivativeSet &Set) : Set(Set) {}

  /// The gradient function of \p F for \p Activity (GradientActivity
  /// letters), for the request \p Request.
  llvm::Function *getGradientFunction(llvm::Function &F, llvm::StringRef Activity,
                                      const llvm::Instruction *Request);
  struct SplitFunctions {
    llvm::Function *Augmented, *Reverse;
  };
  /// The augmented forward and reverse functions of \p F for \p Activity,
  /// called from \p Caller (a derivative) or for \p Request.
  /// \p NullShadows: shadows the caller passes may be null
  /// (DerivativeKey::NullShadows).
  SplitFunctions getSplitFunctions(llvm::Function &F, llvm::StringRef Activity,
                                   llvm::Function *Caller, const llvm::Instruction *Request,
                                   bool NullShadows = false);
  /// Generates the body of a function declared by this mode.
  bool generateBody(llvm::Function &Fn);

private:
  /// The gradient as a call of the split pair (-adjoint-split-gradients).
  bool generateThroughSplit(llvm::Function &Gradient);

  DerivativeSet &Set;
  /// Augmented functions whose pair failed to build.
  llvm::SmallPtrSet<llvm::Function *, 4> FailedPairs;
};

} // namespace adjoint

#endif
