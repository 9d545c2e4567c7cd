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
/// This version differentiates values and control flow (branches, loops of
/// every shape) and reads memory through duplicated pointers; writes to
/// memory and calls that cannot be inlined are reported as not supported yet.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_REVERSEMODE_H
#define ADJOINT_MODES_REVERSEMODE_H

#include "Modes/DerivativeSet.h"
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
  /// Generates the body of a gradient function declared by this mode.
  bool generateBody(llvm::Function &Gradient);

private:
  DerivativeSet &Set;
};

} // namespace adjoint

#endif
