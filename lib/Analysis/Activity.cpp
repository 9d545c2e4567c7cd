//===- Analysis/Activity.cpp - which values carry derivatives -------------===//
//
/// \file
/// The transfer functions of the activity fixed point (see Activity.h).
//
//===----------------------------------------------------------------------===//
#include "Analysis/Activity.h"

#include "Requests/Registrations.h"

#include "Analysis/KnownFunctions.h"
#include "Rules/Rules.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace adjoint {

bool isShadowedGlobalPointer(const Value *V) {
  if (const auto *CE = dyn_cast<ConstantExpr>(V)) {
    if (CE->getOpcode() == Instruction::GetElementPtr || CE->isCast())
      return isShadowedGlobalPointer(CE->getOperand(0));
    return false;
  }
  const auto *GV = dyn_cast<GlobalVariable>(V);
  if (!GV || GV->hasAttribute(UserInactiveAttr))
    return false;
  // A shadow the user named: wherever the global is defined.
  if (!namedShadows(*GV).empty())
    return true;
  // Otherwise only globals defined here: a shadow made for a global of
  // another translation unit would not be shared with it.
  return !GV->isConstant() && !GV->isDeclaration() && !GV->getName().starts_with("enzyme_");
}

std::string lostDerivativeMessage(const Value *Ptr) {
  const auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Ptr));
  if (GV && GV->hasAttribute(UserInactiveAttr))
    return ("a value that carries a derivative is stored into '" + GV->getName() +
            "', which is declared inactive (__enzyme_inactive_global): its derivative would be "
            "lost or kept depending on optimization; store only values without derivatives "
            "there, or remove the global from the table")
        .str();
  return "a value that carries a derivative is stored to memory without a shadow, so its "
         "derivative would be lost; pass that memory as enzyme_dup with a shadow";
}

bool ActivityInfo::isActive(const Value *V) const {
  return Active.contains(V) || (Memory.Globals && isShadowedGlobalPointer(V));
}

/// Which arguments of \p CB carry a derivative: what a callee summary is
/// asked for.
static SmallVector<bool, 8> argsActive(const CallBase &CB, const ActivityInfo &Info) {
  SmallVector<bool, 8> Active;
  for (const Use &A : CB.args())
    Active.push_back(Info.isActive(A.get()));
  return Active;
}

namespace {

/// One pass of the transfer functions; returns whether anything changed.
class ActivityStep {
public:
  ActivityStep(ActivityInfo &Info, DenseSet<const Value *> &Active, ShadowedMemory Memory,
               CalleeSummaries Calls)
      : Info(Info), Active(Active), Memory(Memory), Calls(Calls) {}

  bool run(ArrayRef<Instruction *> Order) {
    bool Changed = false;
    for (Instruction *I : Order)
      if (!Active.contains(I) && transfer(*I))
        Changed |= Active.insert(I).second;
    return Changed;
  }

private:
  bool act(const Value *V) const { return Info.isActive(V); }

  bool anyOperandActive(const Instruction &I) const {
    for (const Value *Op : I.operands())
      if (act(Op))
        return true;
    return false;
  }

  bool transferCall(const CallBase &CB) const {
    if (isInactiveCall(CB))
      return false;
    const Function *Callee = CB.getCalledFunction();
    if (Callee) {
      StringRef Name = Callee->getName();
      if (allocatorInfo(*Callee) || isReallocFunction(Name))
        return Memory.Heap;
    }
    if (!canCarryDerivative(CB.getType()))
      return false;
    if (Calls && Callee && !Callee->isDeclaration() && !CB.isIndirectCall()) {
      if (std::optional<CalleeSummary> Known = Calls(CB, argsActive(CB, Info)))
        return Known->ReturnsActive;
    }
    // A defined callee may read derivatives from shadowed globals.
    if (Memory.Globals && Callee && !Callee->isDeclaration() && callMayAccessGlobals(CB))
      return true;
    for (const Use &A : CB.args())
      if (act(A.get()))
        return true;
    return false;
  }

  bool transfer(const Instruction &I) const {
    switch (I.getOpcode()) {
    case Instruction::Alloca: {
      // A local whose type holds only integers cannot hold a derivative
      // (bytes and unions may hold anything).
      Type *T = cast<AllocaInst>(I).getAllocatedType();
      while (auto *AT = dyn_cast<ArrayType>(T))
        T = AT->getElementType();
      return Memory.Locals &&
             (canCarryDerivative(T) || T->isIntegerTy(8) || isUntypedStorage(T, true));
    }
    case Instruction::Load:
      return act(cast<LoadInst>(I).getPointerOperand());
    case Instruction::GetElementPtr:
      return act(cast<GetElementPtrInst>(I).getPointerOperand());
    case Instruction::BitCast:
    case Instruction::AddrSpaceCast:
    case Instruction::FPExt:
    case Instruction::FPTrunc:
    case Instruction::Freeze:
    case Instruction::ExtractElement:
    case Instruction::ExtractValue:
      return act(I.getOperand(0));
    case Instruction::Select:
      return act(I.getOperand(1)) || act(I.getOperand(2));
    case Instruction::PHI:
    case Instruction::InsertElement:
    case Instruction::InsertValue:
    case Instruction::ShuffleVector:
      return canCarryDerivative(I.getType()) || I.getType()->isIntOrIntVectorTy()
                 ? anyOperandActive(I)
                 : false;
    case Instruction::Call:
    case Instruction::Invoke:
      return transferCall(cast<CallBase>(I));
    default:
      if (findInstructionRule(I))
        return anyOperandActive(I);
      return false;
    }
  }

  ActivityInfo &Info;
  DenseSet<const Value *> &Active;
  ShadowedMemory Memory;
  CalleeSummaries Calls;
};

} // namespace

ActivityInfo ActivityInfo::compute(Function &F, ArrayRef<bool> ArgIsActive,
                                   ShadowedMemory Memory, CalleeSummaries Calls) {
  ActivityInfo Info;
  Info.Memory = Memory;
  for (Argument &A : F.args())
    if (ArgIsActive[A.getArgNo()])
      Info.Active.insert(&A);
  SmallVector<Instruction *, 64> Order;
  ReversePostOrderTraversal<Function *> RPO(&F);
  for (BasicBlock *BB : RPO)
    for (Instruction &I : *BB)
      Order.push_back(&I);
  ActivityStep Step(Info, Info.Active, Memory, Calls);
  while (Step.run(Order)) {
  }
  return Info;
}

bool ActivityInfo::returnsActive(const Function &F) const {
  for (const BasicBlock &BB : F)
    if (const auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      if (R->getReturnValue() && isActive(R->getReturnValue()))
        return true;
  return false;
}

NullableShadows ActivityInfo::nullableShadows(const Function &F, bool Inherited,
                                              CalleeSummaries Calls) const {
  NullableShadows N;
  DenseSet<const Value *> &Nullable = N.Values;
  bool &StoresMissingShadows = N.MemoryMayHoldNull;
  StoresMissingShadows = Inherited;
  if (Inherited)
    for (const Argument &A : F.args())
      if (A.getType()->isPointerTy() && isActive(&A))
        Nullable.insert(&A);
  auto lacksShadow = [&](const Value *V) {
    return Nullable.contains(V) || (!isActive(V) && !isa<Constant>(V));
  };
  auto leavesNullShadows = [&](const Instruction &I) {
    if (auto *St = dyn_cast<StoreInst>(&I))
      return St->getValueOperand()->getType()->isPointerTy() &&
             isActive(St->getPointerOperand()) && lacksShadow(St->getValueOperand());
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || !Calls || isInactiveCall(*CB))
      return false;
    const Function *Callee = CB->getCalledFunction();
    if (!Callee || Callee->isDeclaration())
      return false;
    std::optional<CalleeSummary> S = Calls(*CB, argsActive(*CB, *this));
    return S && S->StoresMissingShadows;
  };
  // Monotone (sets only grow), so this ends.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB) {
        if (!StoresMissingShadows && leavesNullShadows(I))
          Changed = StoresMissingShadows = true;
        if (!I.getType()->isPointerTy() || !isActive(&I) || Nullable.contains(&I))
          continue;
        bool MayBeNull = false;
        if (auto *L = dyn_cast<LoadInst>(&I))
          // A global's shadow starts each request at zero: a pointer read
          // from it has a null shadow until the request stores one. So
          // does one read through a pointer whose shadow may be null.
          MayBeNull = StoresMissingShadows || Nullable.contains(L->getPointerOperand()) ||
                      isa<GlobalVariable>(getUnderlyingObject(L->getPointerOperand()));
        else if (auto *CB = dyn_cast<CallBase>(&I)) // fresh memory has a fresh shadow
          MayBeNull = StoresMissingShadows && !(CB->getCalledFunction() &&
                                                allocatorInfo(*CB->getCalledFunction()));
        else if (isa<GetElementPtrInst>(I) || isa<CastInst>(I))
          MayBeNull = Nullable.contains(I.getOperand(0));
        else if (isa<SelectInst>(I))
          MayBeNull = lacksShadow(I.getOperand(1)) || lacksShadow(I.getOperand(2));
        else if (auto *Phi = dyn_cast<PHINode>(&I))
          MayBeNull = any_of(Phi->incoming_values(), lacksShadow);
        if (MayBeNull)
          Changed |= Nullable.insert(&I).second;
      }
  }
  return N;
}

CalleeSummary ActivityInfo::summary(const Function &F, CalleeSummaries Calls) const {
  return {returnsActive(F), nullableShadows(F, false, Calls).MemoryMayHoldNull};
}

void ActivityInfo::print(raw_ostream &OS, const Function &F) const {
  OS << "adjoint: activity of " << F.getName() << "\n";
  for (const Argument &A : F.args())
    OS << "  " << (isActive(&A) ? "active  " : "inactive") << " arg " << A << "\n";
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (!I.getType()->isVoidTy())
        OS << "  " << (isActive(&I) ? "active  " : "inactive") << " " << I << "\n";
}

} // namespace adjoint
