//===- Support/Diagnostics.h - errors at the user's source line -*- C++ -*-===//
//
/// \file
/// Reports errors through LLVM's diagnostic machinery, so that clang prints
/// them as `file:line:col: error: ...` at the user's source line, opt and lld
/// print them with their location, and every host exits non-zero. Adjoint
/// never aborts on bad input: it reports, leaves valid IR behind, and goes on.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_SUPPORT_DIAGNOSTICS_H
#define ADJOINT_SUPPORT_DIAGNOSTICS_H

#include "llvm/ADT/Twine.h"

namespace llvm {
class Instruction;
class Function;
} // namespace llvm

namespace adjoint {

/// Collects whether an error was reported during one unit of work (one
/// differentiation request), so the caller can undo that unit.
class Diagnostics {
public:
  /// An error located at \p At (its debug location, else its function).
  void error(const llvm::Instruction &At, const llvm::Twine &Message);
  /// An error located at the function \p F as a whole.
  void error(const llvm::Function &F, const llvm::Twine &Message);
  bool hadError() const { return ErrorCount != 0; }

private:
  unsigned ErrorCount = 0;
};

} // namespace adjoint

#endif
