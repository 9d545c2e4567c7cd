//===- Modes/Calls.cpp - calls that stay calls in reverse mode ------------===//
//
/// \file
/// GradientBuilder's calls to defined functions that are not inlined (a
/// recursive function cannot be): the forward pass calls the callee's
/// augmented forward function, which returns its tape beside its result;
/// the reverse pass calls the callee's reverse function with the same
/// arguments, the shadows, the adjoint of the result and that tape, and
/// adds the adjoints it returns into the arguments'. One pair per callee
/// and activity signature (DerivativeSet's memo), so recursion reuses it.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"
#include "Modes/IndirectCalls.h"

#include "Analysis/KnownFunctions.h"
#include "Modes/ReverseMode.h"
#include "Requests/Registrations.h"
#include "Rules/Rules.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace adjoint {

/// A call to a function defined in the module that reverse mode keeps as a
/// call (what is left after inlining).
bool GradientBuilder::keepsCall(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  return isa<CallInst>(CB) && Callee &&
         (!Callee->isDeclaration() || hasUserRule(*Callee)) && !Callee->isVarArg() &&
         (!Callee->getName().starts_with("adjoint.") || isDispatcher(*Callee) ||
          isUnknownTargetStub(*Callee)) &&
         !isInactiveCall(CB) && !isAllocation(CB) && !isFree(CB) &&
         !findCallRule(CB);
}

void GradientBuilder::planCalls() {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *CB = dyn_cast<CallInst>(&I);
      if (!CB || !keepsCall(*CB))
        continue;
      CallPlan P;
      bool Carries = Varied.isActive(CB) && isAdjointType(CB->getType());
      for (Value *A : CB->args()) {
        char C = GradientActivity::Const;
        if (A->getType()->isPointerTy() && Varied.isActive(A))
          C = GradientActivity::Duplicated;
        else if (isAdjointType(A->getType()) && Varied.isActive(A))
          C = GradientActivity::Active;
        Carries |= C != GradientActivity::Const;
        P.Activity.push_back(C);
      }
      if (!Carries)
        continue;
      // A stub for an unknown target stops the program in its derivative,
      // so what it returns needs no real shadow (buildShadows).
      if (CB->getType()->isPointerTy() && Varied.isActive(CB) &&
          !isUnknownTargetStub(*CB->getCalledFunction())) {
        fail(*CB, isDispatcher(*CB->getCalledFunction())
                      ? Twine("reverse mode cannot yet differentiate a call through a function "
                              "pointer (a virtual call) that returns a pointer into memory with "
                              "derivatives; return the value instead, or make the call direct")
                      : "reverse mode cannot yet differentiate a call that returns a pointer "
                        "into memory with derivatives ('" +
                            demangle(CB->getCalledFunction()->getName()) +
                            "' is kept as a call because it is recursive)");
        continue;
      }
      // Shadows that may be null go on to the callee, which guards them too.
      bool NullShadows = Nullable.MemoryMayHoldNull ||
                         any_of(CB->args(), [&](Value *A) { return Nullable.contains(A); });
      auto Pair = ReverseMode(Set).getSplitFunctions(*CB->getCalledFunction(), P.Activity, &F,
                                                     nullptr, NullShadows);
      P.Augmented = Pair.Augmented;
      P.Reverse = Pair.Reverse;
      CallPlans[CB] = P;
    }
}

/// Before each kept call: the call of the augmented function, whose
/// result replaces the call's once the gradient is built (finishCalls).
void GradientBuilder::emitAugmentedCalls() {
  for (auto &[CB, P] : CallPlans) {
    IRBuilder<> FB(CB);
    SmallVector<Value *, 8> Args;
    for (auto [K, A] : enumerate(CB->args())) {
      Args.push_back(A);
      if (P.Activity[K] != GradientActivity::Duplicated)
        continue;
      Value *S = Shadow.lookup(A);
      if (!S) {
        fail(*CB, "argument " + Twine(K + 1) + " of this call points to memory with "
                  "derivatives whose shadow cannot be told (a choice between memory with and "
                  "without one)");
        S = ConstantPointerNull::get(cast<PointerType>(A->getType()));
      }
      Args.push_back(S);
    }
    CallInst *Aug = FB.CreateCall(P.Augmented, Args);
    Aug->setDebugLoc(CB->getDebugLoc());
    P.Tape = FB.CreateExtractValue(Aug, 0, CB->getName() + ".tape");
    if (!CB->getType()->isVoidTy())
      P.Result = FB.CreateExtractValue(Aug, 1);
  }
}

/// The reverse of a kept call: the callee's reverse function, seeded with
/// the adjoint of the result; the adjoints of the active arguments come back.
void GradientBuilder::reverseCall(CallInst &I, CallPlan &P) {
  SmallVector<Value *, 8> Args;
  for (auto [K, A] : enumerate(I.args())) {
    Args.push_back(primal(A));
    if (P.Activity[K] == GradientActivity::Duplicated)
      Args.push_back(primal(Shadow.lookup(A)));
  }
  if (P.Reverse->arg_size() == Args.size() + 2) // the seed
    Args.push_back(isActive(&I) ? takeAdjoint(&I) : Constant::getNullValue(I.getType()));
  Args.push_back(primal(P.Tape));
  CallInst *Adjoints = B.CreateCall(P.Reverse, Args);
  unsigned Next = 0;
  for (auto [K, A] : enumerate(I.args()))
    if (P.Activity[K] == GradientActivity::Active)
      addAdjoint(A, B.CreateExtractValue(Adjoints, Next++));
}

/// The original calls go: their results are the augmented calls'.
void GradientBuilder::finishCalls() {
  for (auto &[CB, P] : CallPlans) {
    if (P.Result)
      CB->replaceAllUsesWith(P.Result);
    CB->eraseFromParent();
  }
  CallPlans.clear();
}

} // namespace adjoint
