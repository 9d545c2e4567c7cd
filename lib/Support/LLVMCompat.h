//===- Support/LLVMCompat.h - what differs between LLVM 19 and 22 -*- C++ -*-===//
//
/// \file
/// Adjoint builds against LLVM 19 (clang, flang) and LLVM 22 (Debian's
/// rustc). Every API that differs between the two is wrapped here, so the
/// engine itself has no version checks.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_SUPPORT_LLVMCOMPAT_H
#define ADJOINT_SUPPORT_LLVMCOMPAT_H

#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

namespace adjoint {

/// Whether \p V may be captured (returned, stored, passed where it may
/// escape), following at most \p MaxUses uses.
inline bool pointerMayBeCaptured(const llvm::Value *V, unsigned MaxUses) {
#if LLVM_VERSION_MAJOR >= 22
  return llvm::PointerMayBeCaptured(V, /*ReturnCaptures=*/true, MaxUses);
#else
  return llvm::PointerMayBeCaptured(V, /*ReturnCaptures=*/true, /*StoreCaptures=*/true, MaxUses);
#endif
}

/// A SCEVExpander for \p F (LLVM 22 takes the data layout from \p SE).
class Expander : public llvm::SCEVExpander {
public:
  Expander(llvm::ScalarEvolution &SE, const llvm::Function &F, const char *Name,
           bool PreserveLCSSA)
#if LLVM_VERSION_MAJOR >= 22
      : llvm::SCEVExpander(SE, Name, PreserveLCSSA) {
  }
#else
      : llvm::SCEVExpander(SE, F.getDataLayout(), Name, PreserveLCSSA) {
  }
#endif
};

/// The operands of a masked load or store. LLVM 19 passes the alignment
/// as an operand ({ptr, align, mask, passthru}, {value, ptr, align, mask});
/// LLVM 22 as the pointer's attribute ({ptr, mask, passthru},
/// {value, ptr, mask}).
struct MaskedAccess {
  llvm::Value *Pointer;
  llvm::Value *Mask;
  llvm::Value *PassThru; ///< loads only
  llvm::Value *Stored;   ///< stores only
  llvm::Align Alignment;
};
inline MaskedAccess maskedAccess(const llvm::IntrinsicInst &I) {
  bool Load = I.getIntrinsicID() == llvm::Intrinsic::masked_load;
  unsigned P = Load ? 0 : 1;
  MaskedAccess M{I.getArgOperand(P), nullptr, nullptr, Load ? nullptr : I.getArgOperand(0),
                 llvm::Align()};
#if LLVM_VERSION_MAJOR >= 22
  M.Mask = I.getArgOperand(P + 1);
  if (Load)
    M.PassThru = I.getArgOperand(2);
  M.Alignment = I.getParamAlign(P).valueOrOne();
#else
  M.Alignment = llvm::cast<llvm::ConstantInt>(I.getArgOperand(P + 1))->getAlignValue();
  M.Mask = I.getArgOperand(P + 2);
  if (Load)
    M.PassThru = I.getArgOperand(3);
#endif
  return M;
}

/// Registers \p Callback (taking the module pass manager and the
/// optimization level) at the end of the optimization pipeline; LLVM 22 also
/// passes the LTO phase, which Adjoint does not need.
template <typename Fn> void registerOptimizerLast(llvm::PassBuilder &PB, Fn Callback) {
#if LLVM_VERSION_MAJOR >= 22
  PB.registerOptimizerLastEPCallback(
      [Callback](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level,
                 llvm::ThinOrFullLTOPhase) { Callback(MPM, Level); });
#else
  PB.registerOptimizerLastEPCallback(Callback);
#endif
}

/// The DW_LANG_* code of a compile unit's language; none for LLVM 22's
/// versioned language names (DWARF 6).
inline std::optional<unsigned> sourceLanguage(const llvm::DICompileUnit &CU) {
#if LLVM_VERSION_MAJOR >= 22
  if (CU.getSourceLanguage().hasVersionedName())
    return std::nullopt;
  return CU.getSourceLanguage().getUnversionedName();
#else
  return CU.getSourceLanguage();
#endif
}

} // namespace adjoint

#endif
