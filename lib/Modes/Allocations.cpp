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
  const Function *F = CB.getCalledFunction();
  return F && allocatorInfo(*F);
}

bool GradientBuilder::isFree(const CallBase &CB) {
  const Function *F = CB.getCalledFunction();
  return F && isFreeFunction(*F);
}

/// Frees of blocks this function allocated move to the reverse of the
/// allocation. Other frees (of blocks reached through memory, a list's
/// nodes) wait for the end of the reverse pass: their reverse puts the
/// block and its shadow on a list that the gradient's return frees.
void GradientBuilder::planFrees() {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !isFree(*CB) || CB->arg_size() == 0)
        continue;
      // The block may be one of several (a phi of allocations after the
      // optimizer merged paths): each of them is freed by its own reverse.
      // Freeing null does nothing (a moved-from std::vector's buffer).
      SmallVector<const Value *, 4> Objects;
      getUnderlyingObjects(CB->getArgOperand(0), Objects);
      erase_if(Objects, [](const Value *O) { return isa<ConstantPointerNull>(O); });
      auto OwnAllocation = [&](const Value *O) {
        auto *Block = dyn_cast<CallBase>(O);
        return Block && isAllocation(*Block) && Block->getFunction() == &F ? Block : nullptr;
      };
      if (all_of(Objects, OwnAllocation)) {
        for (const Value *O : Objects)
          FreedAllocations.insert(const_cast<CallBase *>(OwnAllocation(O)));
        MovedFrees.insert(CB);
        continue;
      }
      LateFrees.insert(CB);
      MovedFrees.insert(CB);
      // The late free takes the shadow of whatever block it frees, unless
      // one of them may be an argument's (see reverseLateFree).
      if (none_of(Objects, [](const Value *O) { return isa<Argument>(O); }))
        for (const Value *O : Objects)
          if (const CallBase *Block = OwnAllocation(O))
            ShadowFreedLate.insert(const_cast<CallBase *>(Block));
    }
}

void GradientBuilder::lateFreeNeeds(CallBase &Free, SmallVectorImpl<Value *> &Needs) {
  for (Value *A : Free.args())
    Needs.push_back(A); // the block, and a sized delete's size
  Needs.push_back(Shadow.lookup(Free.getArgOperand(0)));
}

/// The reverse of a free that waits for the end: the block and its shadow
/// go on the list of that free function (free, operator delete[], ...),
/// with the function's other arguments (a sized delete's size).
void GradientBuilder::reverseLateFree(CallBase &Free) {
  std::unique_ptr<Tape> &List = FreeLists[Free.getCalledOperand()];
  if (!List)
    List = std::make_unique<Tape>(Rev, /*Split=*/false);
  Value *At = List->push(B, 8 * (1 + Free.arg_size()));
  Value *Block = Free.getArgOperand(0), *S = Shadow.lookup(Block);
  // An argument's shadow belongs to the caller, who reads the gradient
  // from it: only the block goes.
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(Block, Objects);
  if (any_of(Objects, [](const Value *O) { return isa<Argument>(O); }))
    S = nullptr;
  B.CreateStore(primal(Block), At);
  B.CreateStore(S ? primal(S) : ConstantPointerNull::get(B.getPtrTy()),
                B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, 8));
  for (unsigned K = 1; K < Free.arg_size(); ++K)
    B.CreateStore(B.CreateZExtOrTrunc(primal(Free.getArgOperand(K)), B.getInt64Ty()),
                  B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, 8 * (K + 1)));
}

/// At the gradient's return: frees every block (and shadow) on the lists,
/// each with its own free function, then the lists.
void GradientBuilder::freeLateBlocks() {
  for (auto &[Callee, List] : FreeLists) {
    CallBase *Free = nullptr;
    for (CallBase *CB : LateFrees)
      if (CB->getCalledOperand() == Callee)
        Free = CB;
    FunctionType *FT = Free->getFunctionType();
    unsigned Entry = 8 * (1 + Free->arg_size());
    Value *Count = List->popAll(B);
    BasicBlock *Before = B.GetInsertBlock();
    BasicBlock *Loop = BasicBlock::Create(F.getContext(), "free.late", &Rev);
    BasicBlock *Done = BasicBlock::Create(F.getContext(), "free.late.done", &Rev);
    B.CreateCondBr(B.CreateICmpEQ(Count, B.getInt64(0)), Done, Loop);
    B.SetInsertPoint(Loop);
    PHINode *K = B.CreatePHI(B.getInt64Ty(), 2);
    K->addIncoming(B.getInt64(0), Before);
    Value *At = B.CreateGEP(B.getInt8Ty(), List->reverseBase(B), K);
    for (unsigned Which : {0u, 1u}) { // the block, then its shadow
      SmallVector<Value *, 3> Args{
          B.CreateLoad(B.getPtrTy(), B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, 8 * Which))};
      for (unsigned A = 1; A < Free->arg_size(); ++A)
        Args.push_back(B.CreateZExtOrTrunc(
            B.CreateLoad(B.getInt64Ty(), B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, 8 * (A + 1))),
            FT->getParamType(A)));
      B.CreateCall(FT, Callee, Args);
    }
    Value *Next = B.CreateAdd(K, B.getInt64(Entry));
    K->addIncoming(Next, Loop);
    B.CreateCondBr(B.CreateICmpEQ(Next, Count), Done, Loop);
    B.SetInsertPoint(Done);
    List->free(B);
    List->inlinePushes();
  }
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
  if (auto User = userDeallocation(*CB.getCalledFunction()))
    for (int K : User->Args)
      if (K >= 0)
        Needs.push_back(CB.getArgOperand(K)); // what the user's free takes
}

/// Frees \p Block, which \p CB's allocator returned, with that allocator's
/// own free (operator delete for new, with the alignment for aligned new; a
/// user's allocator's registered free).
void GradientBuilder::freeLike(CallBase &CB, Value *Block) {
  Module &M = *F.getParent();
  StringRef Name = calleeName(CB);
  Type *Void = B.getVoidTy(), *Ptr = B.getPtrTy();
  if (auto User = userDeallocation(*CB.getCalledFunction())) {
    SmallVector<Value *, 3> Args;
    for (auto [K, From] : enumerate(User->Args))
      Args.push_back(From < 0 ? Block
                              : B.CreateZExtOrTrunc(primal(CB.getArgOperand(From)),
                                                    User->Free->getArg(K)->getType()));
    CallInst *C = B.CreateCall(User->Free, Args);
    C->setCallingConv(User->Free->getCallingConv());
    C->setDebugLoc(CB.getDebugLoc()); // a call that may be inlined needs one
    return;
  }
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
    if ((Freed || !mayEscape(&CB)) && !ShadowFreedLate.contains(&CB))
      freeLike(CB, primal(S));
}

/// The forward pass no longer frees what the reverse pass frees.
void GradientBuilder::removeMovedFrees() {
  for (CallBase *Free : MovedFrees)
    Free->eraseFromParent();
  MovedFrees.clear();
}

} // namespace adjoint
