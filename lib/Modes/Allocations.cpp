//===- Modes/Allocations.cpp - heap memory in reverse mode ----------------===//
//
/// \file
/// GradientBuilder's heap allocations. An allocation that can hold
/// derivatives gets a zeroed shadow allocation beside it in the forward
/// pass. The reverse pass still reads what the forward pass stored there,
/// so the function's own frees of such memory move into the reverse pass:
/// the reverse of the allocation (the point where the memory's life ends
/// when the program runs backwards) frees the block and its shadow.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"

#include "Analysis/KnownFunctions.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {

static StringRef calleeName(const CallBase &CB) {
  const Function *F = CB.getCalledFunction();
  return F ? F->getName() : StringRef();
}

bool GradientBuilder::isAllocation(const CallBase &CB) {
  return allocatorInfo(calleeName(CB)).has_value();
}

bool GradientBuilder::isFree(const CallBase &CB) { return isFreeFunction(calleeName(CB)); }

/// Frees of blocks this function allocated move to the reverse pass; a
/// free of memory with derivatives allocated elsewhere cannot (the caller
/// may still read it for its own reverse pass).
void GradientBuilder::planFrees() {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !isFree(*CB) || CB->arg_size() == 0)
        continue;
      // The block may be one of several (a phi of allocations after the
      // optimizer merged paths): each of them is freed by its own reverse.
      SmallVector<const Value *, 4> Objects;
      getUnderlyingObjects(CB->getArgOperand(0), Objects);
      if (all_of(Objects, [&](const Value *O) {
            auto *Block = dyn_cast<CallBase>(O);
            return Block && isAllocation(*Block) && Block->getFunction() == &F;
          })) {
        for (const Value *O : Objects)
          FreedAllocations.insert(const_cast<CallBase *>(cast<CallBase>(O)));
        MovedFrees.insert(CB);
        continue;
      }
      if (Varied.isActive(CB->getArgOperand(0)))
        fail(*CB, "reverse mode cannot free memory with derivatives that this function did "
                  "not allocate (the reverse pass still needs it); free it in the caller "
                  "after the gradient");
    }
}

/// A zeroed block of the same size from the same allocator.
Value *GradientBuilder::shadowAllocation(IRBuilderBase &FB, CallBase &CB) {
  AllocatorInfo Info = *allocatorInfo(calleeName(CB));
  SmallVector<Value *, 2> Args(CB.args());
  CallInst *S = FB.CreateCall(CB.getFunctionType(), CB.getCalledOperand(), Args,
                              CB.getName() + ".shadow");
  S->setAttributes(CB.getAttributes());
  if (!Info.Zeroed) {
    Value *Size = CB.getArgOperand(Info.SizeArg);
    if (Info.CountArg >= 0)
      Size = FB.CreateMul(Size, CB.getArgOperand(Info.CountArg));
    FB.CreateMemSet(S, FB.getInt8(0), Size, MaybeAlign());
  }
  return S;
}

bool GradientBuilder::allocationHasReverse(CallBase &CB) const {
  return isAllocation(CB) && (FreedAllocations.contains(&CB) || Shadow.count(&CB));
}

void GradientBuilder::allocationNeeds(CallBase &CB, SmallVectorImpl<Value *> &Needs) {
  if (FreedAllocations.contains(&CB))
    Needs.push_back(&CB);
  if (Value *S = Shadow.lookup(&CB))
    Needs.push_back(S);
  if (calleeName(CB).contains("align_val_t"))
    Needs.push_back(CB.getArgOperand(1)); // the alignment its delete takes
}

/// Frees \p Block, which \p CB's allocator returned, with that allocator's
/// own free (operator delete for new, with the alignment for aligned new).
void GradientBuilder::freeLike(CallBase &CB, Value *Block) {
  Module &M = *F.getParent();
  StringRef Name = calleeName(CB);
  Type *Void = B.getVoidTy(), *Ptr = B.getPtrTy();
  bool Array = Name.starts_with("_Zna");
  if (Name.contains("align_val_t")) {
    Value *Align = primal(CB.getArgOperand(1));
    B.CreateCall(M.getOrInsertFunction(Array ? "_ZdaPvSt11align_val_t" : "_ZdlPvSt11align_val_t",
                                       Void, Ptr, Align->getType()),
                 {Block, Align});
  } else if (Name.starts_with("_Zn")) {
    B.CreateCall(M.getOrInsertFunction(Array ? "_ZdaPv" : "_ZdlPv", Void, Ptr), {Block});
  } else {
    B.CreateCall(M.getOrInsertFunction("free", Void, Ptr), {Block});
  }
}

/// The reverse of an allocation: the end of the block's life. The block
/// goes when the function freed it (that free moved here); its shadow goes
/// too, or, when the function keeps the block, only if the block cannot
/// have escaped to the caller.
void GradientBuilder::reverseAllocation(CallBase &CB) {
  bool Freed = FreedAllocations.contains(&CB);
  if (Freed)
    freeLike(CB, primal(&CB));
  if (Value *S = Shadow.lookup(&CB))
    if (Freed || !PointerMayBeCaptured(&CB, /*ReturnCaptures=*/true, /*StoreCaptures=*/true))
      freeLike(CB, primal(S));
}

/// The forward pass no longer frees what the reverse pass frees.
void GradientBuilder::removeMovedFrees() {
  for (CallBase *Free : MovedFrees)
    Free->eraseFromParent();
  MovedFrees.clear();
}

} // namespace adjoint
