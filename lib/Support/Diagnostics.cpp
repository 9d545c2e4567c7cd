//===- Support/Diagnostics.cpp - errors at the user's source line ---------===//
//
/// \file
/// Uses DiagnosticInfoUnsupported: clang maps it to an error at the source
/// location of its debug location (or of the enclosing function when there is
/// no debug location), which is what a user needs to find the request.
//
//===----------------------------------------------------------------------===//
#include "Support/Diagnostics.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/LLVMContext.h"

using namespace llvm;

namespace adjoint {

/// The location to report for \p At: its own, else that of the nearest
/// instruction of its block that has one (the optimizer creates
/// instructions without locations), taken at the outermost call site of
/// what was inlined there; else none (the function is named). A function
/// without debug info has none either: its locations come from inlined code
/// (rustc's standard library), and no location beats a wrong one.
static DebugLoc locationOf(const Instruction &At) {
  if (!At.getFunction()->getSubprogram())
    return DebugLoc();
  if (At.getDebugLoc())
    return At.getDebugLoc();
  auto Outermost = [](const Instruction *I) -> DebugLoc {
    const DILocation *L = I->getDebugLoc();
    while (L->getInlinedAt())
      L = L->getInlinedAt();
    return DebugLoc(L);
  };
  for (const Instruction *I = At.getNextNode(); I; I = I->getNextNode())
    if (I->getDebugLoc() && I->getDebugLoc().getLine())
      return Outermost(I);
  for (const Instruction *I = At.getPrevNode(); I; I = I->getPrevNode())
    if (I->getDebugLoc() && I->getDebugLoc().getLine())
      return Outermost(I);
  return DebugLoc();
}

void Diagnostics::error(const Instruction &At, const Twine &Message) {
  ++ErrorCount;
  const Function &F = *At.getFunction();
  F.getContext().diagnose(
      DiagnosticInfoUnsupported(F, "adjoint: " + Message, locationOf(At), DS_Error));
}

void Diagnostics::error(const Function &F, const Twine &Message) {
  ++ErrorCount;
  F.getContext().diagnose(
      DiagnosticInfoUnsupported(F, "adjoint: " + Message, DiagnosticLocation(), DS_Error));
}

} // namespace adjoint
