//===- Pass/AdjointPass.h - the module pass -----------------------*- C++ -*-===//
//
/// \file
/// The pass that serves every differentiation request in a module: find the
/// `__enzyme_*` calls, parse them, generate the derivative functions,
/// replace each call, then re-optimize only what was generated.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_PASS_ADJOINTPASS_H
#define ADJOINT_PASS_ADJOINTPASS_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace adjoint {

class AdjointPass : public llvm::PassInfoMixin<AdjointPass> {
public:
  explicit AdjointPass(llvm::PassBuilder &PB) : PB(PB) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }

private:
  llvm::PassBuilder &PB;
};

/// Runs at the start of the pipeline: keeps the optimizer from folding the
/// values of `enzyme_*` marker globals a translation unit defines, so that
/// requests still see their markers when AdjointPass runs at the end, and
/// from inlining functions that have user derivative rules.
class ProtectMarkersPass : public llvm::PassInfoMixin<ProtectMarkersPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }
};

} // namespace adjoint

#endif
