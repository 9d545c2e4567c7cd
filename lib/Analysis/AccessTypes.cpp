//===- Analysis/AccessTypes.cpp - the types memory is accessed as ---------===//
//
/// \file
/// See AccessTypes.h.
//
//===----------------------------------------------------------------------===//
#include "Analysis/AccessTypes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace adjoint {

/// The objects \p P may point to, without null and undefined ones.
static SmallVector<const Value *, 4> objectsOf(const Value *P) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(P, Objects);
  erase_if(Objects, [](const Value *O) { return isa<ConstantPointerNull, UndefValue>(O); });
  return Objects;
}

bool accessTypesOf(ArrayRef<BasicBlock *> Blocks, const Value *Ptr,
                   function_ref<bool(const CallBase &)> SeenThrough,
                   SmallSetVector<Type *, 4> &Types) {
  SmallVector<const Value *, 4> Targets = objectsOf(Ptr);
  auto reaches = [&](const Value *P) {
    return any_of(objectsOf(P), [&](const Value *O) { return is_contained(Targets, O); });
  };
  if (Targets.empty())
    return true;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (auto *L = dyn_cast<LoadInst>(&I); L && reaches(L->getPointerOperand()))
        Types.insert(L->getType()->getScalarType());
      else if (auto *S = dyn_cast<StoreInst>(&I); S && reaches(S->getPointerOperand()))
        Types.insert(S->getValueOperand()->getType()->getScalarType());
      else if (auto *CB = dyn_cast<CallBase>(&I);
               CB && !isa<MemIntrinsic>(CB) && !CB->isLifetimeStartOrEnd() &&
               !isa<DbgInfoIntrinsic>(CB) && !CB->doesNotAccessMemory() && !SeenThrough(*CB) &&
               any_of(CB->args(),
                      [&](Value *A) { return A->getType()->isPointerTy() && reaches(A); }))
        return false;
    }
  return true;
}

} // namespace adjoint
