//===- Modes/ForwardMode.h - tangent functions ------------------*- C++ -*-===//
//
/// \file
/// Forward mode: for a function f and an activity signature (which
/// arguments have shadows, the batch width N) builds the tangent function
///
///   f.fwd(args with their N shadows after each duplicated one)
///     -> {primal result, N result tangents}   (the primal alone when the
///                                              result carries no derivative)
///
/// The primal is computed once, each tangent lane beside it. Tangent
/// functions are memoized per signature, so shared callees and recursion
/// reuse them; bodies are generated from a worklist after the declaration
/// exists.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_FORWARDMODE_H
#define ADJOINT_MODES_FORWARDMODE_H

#include "Modes/DerivativeSet.h"
#include "llvm/ADT/ArrayRef.h"

namespace llvm {
class Function;
class Instruction;
class Type;
} // namespace llvm

namespace adjoint {

/// Forward mode's signatures and bodies; the memo lives in DerivativeSet
/// (kind Tangent, activity '1' for each argument with shadows).
class ForwardMode {
public:
  explicit ForwardMode(DerivativeSet &Set) : Set(Set) {}

  /// The tangent function for \p F (declared now, body generated when the
  /// set's pending bodies are). \p Caller is the tangent function that calls
  /// it, for the call chain in diagnostics; for a request, null and
  /// \p Request is the request's call. \p NullShadows: shadows the caller
  /// passes may be null (DerivativeKey::NullShadows).
  llvm::Function *getTangentFunction(llvm::Function &F, llvm::ArrayRef<bool> ArgHasShadow,
                                     unsigned Width, llvm::Function *Caller,
                                     const llvm::Instruction *Request = nullptr,
                                     bool NullShadows = false);
  /// Generates the body of a tangent function declared by this mode.
  bool generateBody(llvm::Function &Tangent);

  /// Whether a function returning \p T returns {primal, tangents}.
  static bool returnsTangent(llvm::Type *T);

  DerivativeSet &derivatives() { return Set; }

private:
  DerivativeSet &Set;
};

} // namespace adjoint

#endif
