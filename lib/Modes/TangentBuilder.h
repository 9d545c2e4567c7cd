//===- Modes/TangentBuilder.h - tangents of one function --------*- C++ -*-===//
//
/// \file
/// Private to forward mode. A TangentBuilder walks one tangent function's
/// body (a clone of the primal) in reverse post-order and inserts, right
/// after each active instruction, its N tangent lanes. Instructions are
/// split by family: ForwardMode.cpp has values, memory and control flow,
/// ForwardCalls.cpp has calls. An instruction nobody handles that touches a
/// derivative is an error, never silently dropped.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_TANGENTBUILDER_H
#define ADJOINT_MODES_TANGENTBUILDER_H

#include "Analysis/Activity.h"
#include "Modes/ForwardMode.h"
#include "Rules/Rules.h"
#include "Support/Diagnostics.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstVisitor.h"

namespace adjoint {

/// The N tangent lanes of a value (shadow pointers for pointers).
using Lanes = llvm::SmallVector<llvm::Value *, 4>;

class TangentBuilder : public llvm::InstVisitor<TangentBuilder> {
public:
  TangentBuilder(ForwardMode &Mode, llvm::Function &Tangent, const DerivativeKey &Key,
                 Diagnostics &Diags);

  /// Generates every tangent; returns false on error (already reported).
  bool run();

  // Values, memory and control flow (ForwardMode.cpp).
  void visitInstruction(llvm::Instruction &I);
  void visitBinaryOperator(llvm::BinaryOperator &I);
  void visitUnaryOperator(llvm::UnaryOperator &I);
  void visitCastInst(llvm::CastInst &I);
  void visitGetElementPtrInst(llvm::GetElementPtrInst &I);
  void visitAllocaInst(llvm::AllocaInst &I);
  void visitLoadInst(llvm::LoadInst &I);
  void visitStoreInst(llvm::StoreInst &I);
  void visitSelectInst(llvm::SelectInst &I);
  void visitFreezeInst(llvm::FreezeInst &I);
  void visitExtractElementInst(llvm::ExtractElementInst &I);
  void visitInsertElementInst(llvm::InsertElementInst &I);
  void visitShuffleVectorInst(llvm::ShuffleVectorInst &I);
  void visitExtractValueInst(llvm::ExtractValueInst &I);
  void visitInsertValueInst(llvm::InsertValueInst &I);
  void visitPHINode(llvm::PHINode &) {}   // created up front, filled at the end
  void visitReturnInst(llvm::ReturnInst &) {} // rewritten at the end
  void visitBranchInst(llvm::BranchInst &) {}
  void visitSwitchInst(llvm::SwitchInst &) {}
  void visitUnreachableInst(llvm::UnreachableInst &) {}
  void visitCmpInst(llvm::CmpInst &) {}

  // Calls (ForwardCalls.cpp).
  void visitCallBase(llvm::CallBase &CB);

private:
  // Lookup.
  bool hasTangent(llvm::Value *V);
  /// Lane \p K of V's tangent (a pointer's shadow), or zero (null for
  /// pointers without a shadow: check with requireShadow where that matters).
  llvm::Value *tangentOrZero(llvm::Value *V, unsigned K);
  llvm::Value *constantShadow(llvm::Constant *C, unsigned K);
  /// tangentOrZero for an operand of a select or phi: a constant table
  /// chosen beside memory with a shadow gets a zero shadow of its own.
  llvm::Value *choiceShadow(llvm::Value *V, unsigned K);
  void setLanes(llvm::Value *V, Lanes L) { Tangents[V] = std::move(L); }
  /// Sets the builder right after \p I.
  void insertAfter(llvm::Instruction &I);
  /// Applies \p F to every lane of the operands listed, zero for inactive ones.
  template <typename Fn> void mapLanes(llvm::Instruction &I, Fn F);

  // Rules.
  void applyRule(const Rule &R, llvm::Instruction &I, llvm::ArrayRef<llvm::Value *> Args);
  llvm::Value *scaledTangent(const Partial &P, llvm::Value *Tangent);

  // Calls.
  void callTangentFunction(llvm::CallBase &CB, llvm::Function &Callee);
  void applyLinearCall(llvm::CallBase &CB);
  void shadowAllocation(llvm::CallBase &CB);
  void shadowRealloc(llvm::CallBase &CB);
  void shadowFree(llvm::CallBase &CB);
  void memoryTransfer(llvm::CallBase &CB);
  void memorySet(llvm::CallBase &CB);
  /// A plain call to \p CB's callee with \p Args (an invoke's shadow
  /// allocation needs no exception edge of its own).
  llvm::CallInst *cloneAsCall(llvm::CallBase &CB, llvm::ArrayRef<llvm::Value *> Args);
  bool anyArgHasTangent(llvm::CallBase &CB);
  /// Replaces the primal call \p Old by \p Result (none: no result) and
  /// erases it.
  void replaceCall(llvm::CallBase &Old, llvm::Value *Result);


  // Errors: reported at \p At with the call chain that reached it.
  void fail(llvm::Instruction &At, const llvm::Twine &Why);
  /// Reports and returns false when \p Ptr is a pointer without a shadow.
  bool requireShadow(llvm::Instruction &At, llvm::Value *Ptr);

  // Shadows that may be null at run time (ActivityInfo::nullableShadows).
  /// \p P, or a scratch location when \p P is null.
  llvm::Value *shadowOrScratch(llvm::Value *P, llvm::Type *Accessed, llvm::Instruction &At);
  /// Whether \p CB passes a callee shadows that may be null, or memory that
  /// may hold them: its tangent function must guard them too.
  bool passesNullShadows(llvm::CallBase &CB) const;
  /// Moves the builder into a new block that runs only when \p P is not
  /// null; the rest of the current block follows it. Returns where the rest
  /// begins.
  llvm::Instruction *enterIfNotNull(llvm::Value *P);

  // The end.
  void fillPhis();
  void rewriteReturns();

  ForwardMode &Mode;
  llvm::Function &Tangent;
  const DerivativeKey Key; // a copy: the derivative set grows while this runs
  Diagnostics &Diags;
  unsigned Width;
  ActivityInfo Activity;
  llvm::IRBuilder<> B;
  llvm::DenseMap<llvm::Value *, Lanes> Tangents;
  llvm::SmallVector<llvm::PHINode *, 16> ActivePhis;
  /// Pointers whose shadow may be null: read from memory with a shadow into
  /// which a pointer without one (into enzyme_const data, say) was stored,
  /// and what is derived from them. Loads through them read a zero
  /// tangent, stores go to a scratch location, when the shadow is null.
  NullableShadows Nullable;
  llvm::AllocaInst *Scratch = nullptr;
  bool Failed = false;
};

template <typename Fn> void TangentBuilder::mapLanes(llvm::Instruction &I, Fn F) {
  if (!Activity.isActive(&I))
    return;
  insertAfter(I);
  Lanes L;
  for (unsigned K = 0; K < Width; ++K)
    L.push_back(F(K));
  setLanes(&I, L);
}

} // namespace adjoint

#endif
