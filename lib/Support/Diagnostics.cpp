//===- Support/Diagnostics.cpp - errors at the user's source line ---------===//
//
/// \file
/// Uses DiagnosticInfoUnsupported: clang maps it to an error at the source
/// location of its debug location (or of the enclosing function when there is
/// no debug location), which is what a user needs to find the request.
//
//===----------------------------------------------------------------------===//
#include "Support/Diagnostics.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/LLVMContext.h"

using namespace llvm;

namespace adjoint {

void Diagnostics::error(const Instruction &At, const Twine &Message) {
  ++ErrorCount;
  const Function &F = *At.getFunction();
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F, "adjoint: " + Message, At.getDebugLoc(), DS_Error));
}

void Diagnostics::error(const Function &F, const Twine &Message) {
  ++ErrorCount;
  F.getContext().diagnose(
      DiagnosticInfoUnsupported(F, "adjoint: " + Message, DiagnosticLocation(), DS_Error));
}

} // namespace adjoint
