//===- Modes/ReverseMode.cpp - gradient functions -------------------------===//
//
/// \file
/// Signatures of gradient functions and the steps around GradientBuilder:
/// a fresh prepared body, calls to defined functions inlined (so their
/// values are differentiated with the caller's; recursion is reported), and
/// the normalization run again on the result.
//
//===----------------------------------------------------------------------===//
#include "Modes/ReverseMode.h"

#include "Modes/GradientBuilder.h"
#include "Modes/Prepare.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

namespace adjoint {

Function *ReverseMode::getGradientFunction(Function &F, StringRef Activity,
                                           const Instruction *Request) {
  DerivativeKey Key{DerivativeKind::Gradient, &F, Activity.str(), 1};
  if (Function *Known = Set.find(Key))
    return Known;
  LLVMContext &Ctx = F.getContext();
  SmallVector<Type *, 8> Params, Results;
  SmallVector<AttributeSet, 8> ParamAttrs;
  for (Argument &A : F.args()) {
    Params.push_back(A.getType());
    ParamAttrs.push_back(F.getAttributes().getParamAttrs(A.getArgNo()).removeAttribute(
        Ctx, Attribute::Returned));
    if (Activity[A.getArgNo()] == GradientActivity::Duplicated) {
      Params.push_back(A.getType());
      ParamAttrs.push_back(AttributeSet());
    } else if (Activity[A.getArgNo()] == GradientActivity::Active) {
      Results.push_back(A.getType());
    }
  }
  Type *Ret = Results.empty() ? Type::getVoidTy(Ctx) : StructType::get(Ctx, Results);
  return Set.declare(Key, FunctionType::get(Ret, Params, false),
                     "revdiff." + F.getName() + "." + Activity, ParamAttrs, nullptr, Request);
}

/// Whether \p F can reach itself through direct calls.
static bool isRecursive(Function &F) {
  SmallPtrSet<Function *, 16> Seen;
  SmallVector<Function *, 16> Work{&F};
  while (!Work.empty()) {
    Function *G = Work.pop_back_val();
    for (Instruction &I : instructions(*G))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction(); Callee && !Callee->isDeclaration()) {
          if (Callee == &F)
            return true;
          if (Seen.insert(Callee).second)
            Work.push_back(Callee);
        }
  }
  return false;
}

/// Inlines every call to a non-recursive function defined in the module;
/// calls to recursive ones stay (and are reported if they matter).
static void inlineDefinedCallees(Function &F, Function &Primal) {
  DenseMap<Function *, bool> Recursive;
  for (unsigned Round = 0; Round < 8; ++Round) {
    SmallVector<CallBase *, 8> Calls;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction();
            Callee && !Callee->isDeclaration() && Callee != &Primal && !Callee->isVarArg() &&
            !Callee->getName().starts_with("adjoint.")) {
          auto [It, New] = Recursive.try_emplace(Callee, false);
          if (New)
            It->second = isRecursive(*Callee);
          if (!It->second)
            Calls.push_back(CB);
        }
    if (Calls.empty())
      return;
    for (CallBase *CB : Calls) {
      InlineFunctionInfo Info;
      InlineFunction(*CB, Info);
    }
  }
}

bool ReverseMode::generateBody(Function &Gradient) {
  DerivativeKey Key = Set.keyOf(&Gradient); // a copy: the set grows meanwhile
  SmallVector<Value *, 8> PrimalArgs;
  unsigned Next = 0;
  for (char C : Key.Activity) {
    PrimalArgs.push_back(Gradient.getArg(Next));
    Next += C == GradientActivity::Duplicated ? 2 : 1;
  }
  Set.copyPreparedBody(*Key.Primal, Gradient, PrimalArgs);
  inlineDefinedCallees(Gradient, *Key.Primal);
  Set.normalize(Gradient);
  defineVectorLanes(Gradient);
  return GradientBuilder(Set, Gradient, Key).run();
}

} // namespace adjoint
