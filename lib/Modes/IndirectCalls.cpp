//===- Modes/IndirectCalls.cpp - calls through function pointers ----------===//
//
/// \file
/// Dispatchers for calls through function pointers (IndirectCalls.h).
//
//===----------------------------------------------------------------------===//
#include "Modes/IndirectCalls.h"

#include "Analysis/KnownFunctions.h"
#include "Requests/Registrations.h"
#include "Rules/Rules.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;

namespace adjoint {

/// The function attributes of dispatchers and of their last branch's stub.
static constexpr const char *DispatcherAttr = "adjoint-dispatcher";
static constexpr const char *UnknownTargetAttr = "adjoint-unknown-target";
/// The metadata kind of a dispatcher's last branch (an unknown target).
static constexpr const char *UnknownTargetMD = "adjoint.unknown.target";

bool isDispatcher(const Function &F) { return F.hasFnAttribute(DispatcherAttr); }

bool isUnknownTargetStub(const Function &F) { return F.hasFnAttribute(UnknownTargetAttr); }

unsigned dispatcherTargets(const Function &D) {
  unsigned N = 0;
  for (const BasicBlock &BB : D)
    for (const Instruction &I : BB)
      if (auto *CB = dyn_cast<CallBase>(&I); CB && CB->getCalledFunction() &&
                                             !isUnknownTargetStub(*CB->getCalledFunction()))
        ++N;
  return N;
}

bool isUnknownTargetCall(const CallBase &CB) {
  return CB.isIndirectCall() && CB.hasMetadata(UnknownTargetMD);
}

/// Functions Adjoint made (derivatives, clones, helpers): never targets.
static bool isGenerated(const Function &F) {
  StringRef N = F.getName();
  return isDispatcher(F) || isUnknownTargetStub(F) || N.ends_with(".adjoint.prepared") ||
         N.starts_with("adjoint.") ||
         N.starts_with("fwddiff.") || N.starts_with("revdiff.") || N.starts_with("augment.") ||
         N.starts_with("reverse.");
}

/// The functions a call of type \p FTy with calling convention \p CC may
/// reach: those whose address is taken, defined or with a derivative.
static SmallVector<Function *, 8> possibleTargets(Module &M, FunctionType *FTy,
                                                  CallingConv::ID CC) {
  SmallVector<Function *, 8> Targets;
  for (Function &F : M) {
    if (F.getFunctionType() != FTy || F.getCallingConv() != CC || F.isIntrinsic() ||
        isGenerated(F) || !F.hasAddressTaken())
      continue;
    if (F.isDeclaration() && !hasUserRule(F) && !hasMathRule(F.getName()) &&
        !F.hasFnAttribute(UserInactiveAttr) && !F.hasFnAttribute(FunctionLikeAttr))
      continue;
    Targets.push_back(&F);
  }
  return Targets;
}

/// The dispatcher of calls like \p CB: (iN target, CB's arguments...),
/// returning what CB returns. One per function type, calling convention
/// and parameter attributes (byval and sret must match the call's).
static Function *getDispatcher(CallBase &CB, ArrayRef<Function *> Targets) {
  Module &M = *CB.getModule();
  LLVMContext &Ctx = M.getContext();
  FunctionType *FTy = CB.getFunctionType();
  Type *IntPtr = M.getDataLayout().getIntPtrType(Ctx);
  SmallVector<Type *, 8> Params{IntPtr};
  append_range(Params, FTy->params());
  auto *DTy = FunctionType::get(FTy->getReturnType(), Params, false);
  AttributeList CallAttrs = CB.getAttributes();
  SmallVector<AttributeSet, 8> ParamAttrs{AttributeSet()};
  for (unsigned I = 0; I < FTy->getNumParams(); ++I)
    ParamAttrs.push_back(CallAttrs.getParamAttrs(I).removeAttribute(Ctx, Attribute::Returned));
  AttributeList Attrs = AttributeList::get(Ctx, AttributeSet(), CallAttrs.getRetAttrs(),
                                           ParamAttrs);
  std::string CC = std::to_string(CB.getCallingConv());
  for (Function &F : M)
    if (isDispatcher(F) && F.getFunctionType() == DTy &&
        F.getFnAttribute(DispatcherAttr).getValueAsString() == CC &&
        F.getAttributes().getRetAttrs() == Attrs.getRetAttrs() &&
        all_of(seq(Params.size()), [&](unsigned I) {
          return F.getAttributes().getParamAttrs(I) == Attrs.getParamAttrs(I);
        }))
      return &F;

  Function *D = Function::Create(DTy, GlobalValue::InternalLinkage, "adjoint.dispatch", M);
  D->setAttributes(Attrs);
  D->addFnAttr(DispatcherAttr, CC);
  Value *Target = D->getArg(0);
  // A call with the arguments of \p In after the target, whose result \p In returns.
  auto CallAndReturn = [&](IRBuilder<> &B, Function *In, Value *Callee, CallingConv::ID CallCC) {
    SmallVector<Value *, 8> Args;
    for (unsigned I = 1; I < In->arg_size(); ++I)
      Args.push_back(In->getArg(I));
    CallInst *C = B.CreateCall(FTy, Callee, Args);
    C->setCallingConv(CallCC);
    C->setAttributes(CallAttrs.removeFnAttributes(Ctx));
    if (FTy->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(C);
    return C;
  };
  BasicBlock *Test = BasicBlock::Create(Ctx, "entry", D);
  for (Function *T : Targets) {
    IRBuilder<> B(Test);
    BasicBlock *Call = BasicBlock::Create(Ctx, "call." + T->getName(), D);
    BasicBlock *Next = BasicBlock::Create(Ctx, "next", D);
    B.CreateCondBr(B.CreateICmpEQ(Target, B.CreatePtrToInt(T, IntPtr)), Call, Next);
    B.SetInsertPoint(Call);
    CallAndReturn(B, D, T, T->getCallingConv());
    Test = Next;
  }
  // The last branch calls a stub of its own, which calls through the
  // pointer: inlining the dispatcher leaves the stub a call, whose
  // derivative stops the program only where derivatives flow through it.
  Function *Stub = Function::Create(DTy, GlobalValue::InternalLinkage, "adjoint.unknown.target", M);
  Stub->setAttributes(Attrs);
  Stub->addFnAttr(UnknownTargetAttr);
  Stub->addFnAttr(Attribute::NoInline);
  IRBuilder<> SB(BasicBlock::Create(Ctx, "entry", Stub));
  CallAndReturn(SB, Stub, SB.CreateIntToPtr(Stub->getArg(0), CB.getCalledOperand()->getType()),
                CB.getCallingConv())
      ->setMetadata(UnknownTargetMD, MDNode::get(Ctx, {}));
  IRBuilder<> B(Test);
  SmallVector<Value *, 8> All;
  for (Argument &A : D->args())
    All.push_back(&A);
  CallInst *ToStub = B.CreateCall(Stub, All);
  ToStub->setAttributes(Attrs);
  if (FTy->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(ToStub);
  return D;
}

bool dispatchIndirectCalls(Function &F) {
  SmallVector<CallBase *, 8> Calls;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I);
        CB && CB->isIndirectCall() && !CB->isInlineAsm() && !isa<CallBrInst>(CB) &&
        !CB->getFunctionType()->isVarArg() && !isUnknownTargetCall(*CB) &&
        !CB->hasOperandBundles())
      Calls.push_back(CB);
  bool Changed = false;
  Module &M = *F.getParent();
  for (CallBase *CB : Calls) {
    SmallVector<Function *, 8> Targets =
        possibleTargets(M, CB->getFunctionType(), CB->getCallingConv());
    if (Targets.empty())
      continue;
    Function *D = getDispatcher(*CB, Targets);
    SmallVector<Value *, 8> Args;
    IRBuilder<> B(CB);
    Args.push_back(B.CreatePtrToInt(CB->getCalledOperand(), D->getArg(0)->getType()));
    append_range(Args, CB->args());
    CallBase *New;
    if (auto *II = dyn_cast<InvokeInst>(CB))
      New = B.CreateInvoke(D, II->getNormalDest(), II->getUnwindDest(), Args);
    else
      New = B.CreateCall(D, Args);
    New->setAttributes(D->getAttributes());
    New->setDebugLoc(CB->getDebugLoc());
    New->takeName(CB);
    CB->replaceAllUsesWith(New);
    CB->eraseFromParent();
    Changed = true;
  }
  return Changed;
}

void stopAtUnknownTargets(Function &F) {
  SmallVector<CallBase *, 2> Unknown;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I); CB && isUnknownTargetCall(*CB))
      Unknown.push_back(CB);
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  for (CallBase *CB : Unknown) {
    IRBuilder<> B(CB);
    Type *I32 = B.getInt32Ty();
    FunctionCallee Dprintf = M.getOrInsertFunction(
        "dprintf", FunctionType::get(I32, {I32, PointerType::getUnqual(Ctx)}, true));
    B.CreateCall(Dprintf,
                 {B.getInt32(2),
                  B.CreateGlobalStringPtr(
                      "adjoint: a call through a function pointer in differentiated code "
                      "reached a function that has no derivative here: it is not defined in " +
                      M.getSourceFileName() +
                      ", or its address is never taken there; define it there, or keep "
                      "derivatives out of the call\n")});
    B.CreateCall(M.getOrInsertFunction("abort", Type::getVoidTy(Ctx)))->setDoesNotReturn();
    changeToUnreachable(CB);
  }
}

void eraseUnusedDispatchers(Module &M) {
  // A dispatcher may call another (a call through a pointer inside a target
  // inlined into it): erase until none is left unused.
  for (bool Erased = true; Erased;) {
    Erased = false;
    for (Function &F : make_early_inc_range(M))
      if ((isDispatcher(F) || isUnknownTargetStub(F)) && F.use_empty()) {
        F.eraseFromParent();
        Erased = true;
      }
  }
}

} // namespace adjoint
