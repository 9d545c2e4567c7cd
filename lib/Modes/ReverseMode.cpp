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

#include "Analysis/KnownFunctions.h"
#include "Modes/GradientBuilder.h"
#include "Modes/IndirectCalls.h"
#include "Modes/LowerCalls.h"
#include "Modes/Prepare.h"
#include "Requests/Registrations.h"
#include "Rules/Rules.h"
#include "Support/Diagnostics.h"
#include "Support/Options.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

namespace adjoint {

/// The parameters every reverse-mode function starts with (f's, with a
/// shadow after each duplicated pointer) and the adjoints it returns.
struct GradientSignature {
  SmallVector<Type *, 8> Params;
  SmallVector<AttributeSet, 8> ParamAttrs;
  Type *Adjoints;
};

static GradientSignature gradientSignature(Function &F, StringRef Activity) {
  LLVMContext &Ctx = F.getContext();
  GradientSignature S;
  SmallVector<Type *, 8> Results;
  for (Argument &A : F.args()) {
    S.Params.push_back(A.getType());
    S.ParamAttrs.push_back(F.getAttributes().getParamAttrs(A.getArgNo()).removeAttribute(
        Ctx, Attribute::Returned));
    if (Activity[A.getArgNo()] == GradientActivity::Duplicated) {
      S.Params.push_back(A.getType());
      S.ParamAttrs.push_back(AttributeSet());
    } else if (Activity[A.getArgNo()] == GradientActivity::Active) {
      Results.push_back(A.getType());
    }
  }
  S.Adjoints = Results.empty() ? Type::getVoidTy(Ctx) : StructType::get(Ctx, Results);
  return S;
}

Function *ReverseMode::getGradientFunction(Function &F, StringRef Activity,
                                           const Instruction *Request) {
  DerivativeKey Key{DerivativeKind::Gradient, &F, Activity.str(), 1};
  if (Function *Known = Set.find(Key))
    return Known;
  GradientSignature S = gradientSignature(F, Activity);
  return Set.declare(Key, FunctionType::get(S.Adjoints, S.Params, false),
                     "revdiff." + F.getName() + "." + Activity, S.ParamAttrs, nullptr, Request);
}

ReverseMode::SplitFunctions ReverseMode::getSplitFunctions(Function &F, StringRef Activity,
                                                           Function *Caller,
                                                           const Instruction *Request,
                                                           bool NullShadows) {
  DerivativeKey AugKey{DerivativeKind::Augmented, &F, Activity.str(), 1, NullShadows};
  DerivativeKey RevKey{DerivativeKind::Reverse, &F, Activity.str(), 1, NullShadows};
  if (Function *Known = Set.find(AugKey))
    return {Known, Set.find(RevKey)};
  LLVMContext &Ctx = F.getContext();
  GradientSignature S = gradientSignature(F, Activity);
  Type *Ptr = PointerType::getUnqual(Ctx), *Ret = F.getReturnType();
  Type *AugRet = StructType::get(Ctx, Ret->isVoidTy() ? ArrayRef<Type *>{Ptr}
                                                                 : ArrayRef<Type *>{Ptr, Ret});
  std::string Suffix = (F.getName() + "." + Activity + (NullShadows ? ".nullable" : "")).str();
  Function *Aug = Set.declare(AugKey, FunctionType::get(AugRet, S.Params, false),
                              "augment." + Suffix, S.ParamAttrs, Caller, Request);
  // The reverse function takes the adjoint of f's float result (the seed)
  // and the tape.
  if (isAdjointType(Ret)) {
    S.Params.push_back(Ret);
    S.ParamAttrs.push_back(AttributeSet());
  }
  S.Params.push_back(Ptr);
  S.ParamAttrs.push_back(AttributeSet());
  Function *Rev = Set.declare(RevKey, FunctionType::get(S.Adjoints, S.Params, false),
                              "reverse." + Suffix, S.ParamAttrs, Caller, Request);
  return {Aug, Rev};
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
/// calls to recursive ones stay (and are reported if they matter), and so
/// do calls to functions with a user rule, whose body must not be used. A
/// dispatcher (a call through a pointer, IndirectCalls.h) with few targets
/// is inlined the first time it is met; met again inside what it brought
/// (a virtual call inside a virtual call), it stays a call, as recursion
/// does, and so does one with many targets (each would come along).
static void inlineDefinedCallees(Function &F, Function &Primal) {
  constexpr unsigned MaxInlinedTargets = 8;
  DenseMap<Function *, bool> Recursive;
  SmallPtrSet<Function *, 4> InlinedDispatchers;
  // Deep chains of small wrappers (C++ libraries at -O0) take many rounds.
  for (unsigned Round = 0; Round < 64; ++Round) {
    dispatchIndirectCalls(F); // those of the bodies inlined last round
    SmallVector<CallBase *, 8> Calls;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction();
            Callee && !Callee->isDeclaration() && Callee != &Primal && !Callee->isVarArg() &&
            (!Callee->getName().starts_with("adjoint.") ||
             (isDispatcher(*Callee) && !InlinedDispatchers.contains(Callee) &&
              dispatcherTargets(*Callee) <= MaxInlinedTargets)) &&
            !hasUserRule(*Callee) && !allocatorInfo(*Callee) && !isFreeFunction(*Callee) &&
            !isInactiveCall(*CB) && !findCallRule(*CB)) {
          auto [It, New] = Recursive.try_emplace(Callee, false);
          if (New)
            It->second = isRecursive(*Callee);
          if (!It->second)
            Calls.push_back(CB);
        }
    if (Calls.empty())
      return;
    for (CallBase *CB : Calls)
      if (isDispatcher(*CB->getCalledFunction()))
        InlinedDispatchers.insert(CB->getCalledFunction());
    for (CallBase *CB : Calls) {
      InlineFunctionInfo Info;
      InlineFunction(*CB, Info);
    }
  }
}

/// Calls that stay calls (to recursive functions) may be invokes, as in C++
/// while a local with a destructor is alive. Their derivatives are calls:
/// an exception thrown inside a gradient leaves it, and the request, without
/// running the primal's cleanups on the way (requests are calls already).
static void keptInvokesAsCalls(Function &F) {
  SmallVector<InvokeInst *, 4> Invokes;
  for (BasicBlock &BB : F)
    if (auto *II = dyn_cast<InvokeInst>(BB.getTerminator()))
      if (Function *Callee = II->getCalledFunction();
          Callee && (!Callee->isDeclaration() || hasUserRule(*Callee)))
        Invokes.push_back(II);
  for (InvokeInst *II : Invokes)
    changeToCall(II);
  if (!Invokes.empty())
    removeUnreachableBlocks(F);
}

/// The halves of a function with a reverse-mode rule: the augmented half
/// calls the user's augmented rule, the reverse half the user's reverse
/// rule, each given every parameter and, after each pointer, its shadow (a
/// null pointer where the caller's carries no derivative). The adjoints of
/// the float parameters the caller treats as constant are dropped.
static void callGradientRule(const DerivativeKey &Key, const GradientRule &Rule,
                             ReverseMode::SplitFunctions Pair) {
  Function &F = *Key.Primal;
  LLVMContext &Ctx = F.getContext();
  auto RuleArgs = [&](Function &Half) {
    SmallVector<Value *, 8> Args;
    unsigned Next = 0;
    for (Argument &A : F.args()) {
      Args.push_back(Half.getArg(Next++));
      if (!A.getType()->isPointerTy())
        continue;
      bool Has = Key.Activity[A.getArgNo()] == GradientActivity::Duplicated;
      Args.push_back(Has ? static_cast<Value *>(Half.getArg(Next++))
                         : Constant::getNullValue(A.getType()));
    }
    return std::make_pair(Args, Next);
  };
  // Library rules are told which parameters carry a derivative.
  uint64_t Mask = 0;
  for (auto [I, C] : enumerate(Key.Activity))
    if (I < 64 && (C == GradientActivity::Active || C == GradientActivity::Duplicated))
      Mask |= uint64_t(1) << I;
  auto WithMask = [&](SmallVector<Value *, 8> Args) {
    if (Rule.TakesActivityMask)
      Args.push_back(ConstantInt::get(Type::getInt64Ty(Ctx), Mask));
    return Args;
  };
  auto Field = [](IRBuilderBase &B, Value *V, int Index) {
    return Index == GradientRule::Whole ? V : B.CreateExtractValue(V, Index);
  };

  Function &Aug = *Pair.Augmented;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", &Aug));
  CallInst *Augmented = B.CreateCall(Rule.Augmented, WithMask(RuleArgs(Aug).first));
  Augmented->setCallingConv(Rule.Augmented->getCallingConv());
  Value *Tape = Rule.TapeField == GradientRule::None
                    ? Constant::getNullValue(PointerType::getUnqual(Ctx))
                    : Field(B, Augmented, Rule.TapeField);
  Value *Result = B.CreateInsertValue(PoisonValue::get(Aug.getReturnType()), Tape, 0);
  if (Rule.ResultField != GradientRule::None)
    Result = B.CreateInsertValue(Result, Field(B, Augmented, Rule.ResultField), 1);
  B.CreateRet(Result);

  Function &Rev = *Pair.Reverse;
  B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", &Rev));
  auto [Args, Next] = RuleArgs(Rev);
  if (isAdjointType(F.getReturnType()))
    Args.push_back(Rev.getArg(Next++)); // the adjoint of f's result
  if (Rule.TapeField != GradientRule::None)
    Args.push_back(Rev.getArg(Next));
  CallInst *Adjoints = B.CreateCall(Rule.Reverse, WithMask(Args));
  Adjoints->setCallingConv(Rule.Reverse->getCallingConv());
  if (Rev.getReturnType()->isVoidTy()) {
    B.CreateRetVoid();
    return;
  }
  // The rule returns the adjoint of each float parameter (one value, or a
  // struct of them); the caller takes those of its active ones.
  SmallVector<Argument *, 4> Floats;
  for (Argument &A : F.args())
    if (!A.getType()->isPointerTy() && isAdjointType(A.getType()))
      Floats.push_back(&A);
  bool One = Floats.size() == 1 && Adjoints->getType() == Floats[0]->getType();
  Value *Out = PoisonValue::get(Rev.getReturnType());
  unsigned Taken = 0;
  for (auto [Given, A] : enumerate(Floats))
    if (Key.Activity[A->getArgNo()] == GradientActivity::Active)
      Out = B.CreateInsertValue(
          Out, One ? Adjoints : B.CreateExtractValue(Adjoints, unsigned(Given)), Taken++);
  B.CreateRet(Out);
}

bool ReverseMode::generateBody(Function &Fn) {
  DerivativeKey Key = Set.keyOf(&Fn); // a copy: the set grows meanwhile
  if (GradientRule Rule = gradientRuleOf(*Key.Primal)) {
    if (Key.Kind == DerivativeKind::Gradient)
      return generateThroughSplit(Fn);
    SplitFunctions Pair =
        getSplitFunctions(*Key.Primal, Key.Activity, nullptr, nullptr, Key.NullShadows);
    if (Pair.Augmented->isDeclaration())
      callGradientRule(Key, Rule, Pair);
    return true;
  }
  if (forwardRuleOf(*Key.Primal)) {
    // Differentiating the body would ignore the user's rule. (Reported
    // once for the augmented and reverse halves.)
    if (Key.Kind == DerivativeKind::Reverse)
      return false;
    Set.diagnostics().error(
        *Key.Primal, "'" + demangle(Key.Primal->getName()) +
                         "' has a forward-mode rule (__enzyme_register_derivative_), which "
                         "reverse mode cannot use, and reverse-mode rules are not supported "
                         "yet: differentiate it in forward mode (reached from " +
                         Set.callChain(&Fn) + ")");
    return false;
  }
  if (Key.Kind == DerivativeKind::Gradient && splitGradients())
    return generateThroughSplit(Fn);
  Function *Forward = &Fn, *Rev = nullptr;
  if (Key.Kind != DerivativeKind::Gradient) {
    // One builder makes both halves: whichever comes first makes the pair.
    SplitFunctions Pair =
        getSplitFunctions(*Key.Primal, Key.Activity, nullptr, nullptr, Key.NullShadows);
    if (!Pair.Augmented->isDeclaration())
      return !FailedPairs.contains(Pair.Augmented);
    Key.Kind = DerivativeKind::Augmented;
    Forward = Pair.Augmented;
    Rev = Pair.Reverse;
  }
  SmallVector<Value *, 8> PrimalArgs;
  unsigned Next = 0;
  for (char C : Key.Activity) {
    PrimalArgs.push_back(Forward->getArg(Next));
    Next += C == GradientActivity::Duplicated ? 2 : 1;
  }
  Set.copyPreparedBody(*Key.Primal, *Forward, PrimalArgs);
  if (isUnknownTargetStub(*Key.Primal))
    stopAtUnknownTargets(*Forward); // only made when derivatives flow through
  inlineDefinedCallees(*Forward, *Key.Primal);
  keptInvokesAsCalls(*Forward);
  lowerAllocationsForReverse(*Forward);
  Set.normalize(*Forward);
  Set.integerMovesAsCopies(*Forward); // after InstCombine, which made them
  Set.unifyReturns(*Forward);
  splitInvokeResultEdges(*Forward);
  canonicalizeLoops(*Forward);
  defineVectorLanes(*Forward);
  bool Ok = GradientBuilder(Set, *Forward, Key, Rev).run();
  if (!Ok && Rev)
    FailedPairs.insert(Forward); // the other half must not count as built
  return Ok;
}

bool ReverseMode::generateThroughSplit(Function &Gradient) {
  DerivativeKey Key = Set.keyOf(&Gradient);
  SplitFunctions Pair = getSplitFunctions(*Key.Primal, Key.Activity, &Gradient, nullptr);
  // Kept apart, so the tape really crosses from one call to the other.
  Pair.Augmented->addFnAttr(Attribute::NoInline);
  Pair.Reverse->addFnAttr(Attribute::NoInline);
  IRBuilder<> B(BasicBlock::Create(Gradient.getContext(), "entry", &Gradient));
  SmallVector<Value *, 8> Args;
  for (Argument &A : Gradient.args())
    Args.push_back(&A);
  Value *Tape = B.CreateExtractValue(B.CreateCall(Pair.Augmented, Args), 0);
  Type *Ret = Key.Primal->getReturnType();
  if (isAdjointType(Ret))
    Args.push_back(ConstantFP::get(Ret, 1.0));
  Args.push_back(Tape);
  CallInst *Adjoints = B.CreateCall(Pair.Reverse, Args);
  if (Gradient.getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Adjoints);
  return true;
}

} // namespace adjoint
