//===- Modes/DerivativeSet.cpp - the generated functions of a module ------===//
//
/// \file
/// See DerivativeSet.h.
//
//===----------------------------------------------------------------------===//
#include "Modes/DerivativeSet.h"

#include "Analysis/Activity.h"
#include "Analysis/KnownFunctions.h"
#include "Modes/Prepare.h"
#include "Requests/Registrations.h"
#include "Support/Diagnostics.h"
#include "Support/Options.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/UnifyFunctionExitNodes.h"

using namespace llvm;

namespace adjoint {

AllocaInst *createZeroedShadow(IRBuilderBase &B, AllocaInst &Local) {
  AllocaInst *S = B.CreateAlloca(Local.getAllocatedType(), Local.getAddressSpace(),
                                 Local.getArraySize(), Local.getName() + ".shadow");
  S->setAlignment(Local.getAlign());
  const DataLayout &DL = Local.getDataLayout();
  Value *Size = B.CreateMul(
      B.CreateZExtOrTrunc(Local.getArraySize(), B.getInt64Ty()),
      B.getInt64(DL.getTypeAllocSize(Local.getAllocatedType()).getFixedValue()));
  B.CreateMemSet(S, B.getInt8(0), Size, Local.getAlign());
  return S;
}

Value *shadowOrScratch(IRBuilderBase &B, Value *P, Type *Accessed, AllocaInst *&Scratch) {
  constexpr unsigned ScratchBytes = 256;
  Function &Fn = *B.GetInsertBlock()->getParent();
  if (Fn.getDataLayout().getTypeStoreSize(Accessed).getKnownMinValue() > ScratchBytes)
    return nullptr;
  if (!Scratch) {
    IRBuilder<> EB(&Fn.getEntryBlock(), Fn.getEntryBlock().begin());
    Scratch = EB.CreateAlloca(ArrayType::get(EB.getInt8Ty(), ScratchBytes), nullptr,
                              "shadow.scratch");
    Scratch->setAlignment(Align(64));
  }
  return B.CreateSelect(B.CreateIsNull(P), Scratch, P, P->getName() + ".or.scratch");
}

CallInst *createZeroedShadowAllocation(IRBuilderBase &B, CallBase &Alloc) {
  AllocatorInfo Info = *allocatorInfo(*Alloc.getCalledFunction());
  SmallVector<Value *, 2> Args(Alloc.args());
  CallInst *S = B.CreateCall(Alloc.getFunctionType(), Alloc.getCalledOperand(), Args,
                             Alloc.getName() + ".shadow");
  S->setCallingConv(Alloc.getCallingConv());
  S->setAttributes(Alloc.getAttributes());
  S->setDebugLoc(Alloc.getDebugLoc()); // a user's allocator may be inlined later
  if (!Info.Zeroed) {
    Value *Size = Alloc.getArgOperand(Info.SizeArg);
    if (Info.CountArg >= 0)
      Size = B.CreateMul(Size, Alloc.getArgOperand(Info.CountArg));
    B.CreateMemSet(S, B.getInt8(0), Size, MaybeAlign());
  }
  return S;
}

DerivativeSet::DerivativeSet(Module &M, FunctionAnalysisManager &FAM, Diagnostics &Diags)
    : M(M), FAM(FAM), Diags(Diags) {}

DerivativeSet::~DerivativeSet() { finish(); }

Function *DerivativeSet::find(const DerivativeKey &Key) const {
  auto It = Memo.find(Key);
  return It == Memo.end() ? nullptr : It->second;
}

Function *DerivativeSet::declare(const DerivativeKey &Key, FunctionType *Type, const Twine &Name,
                                 ArrayRef<AttributeSet> ParamAttrs, Function *Caller,
                                 const Instruction *Request) {
  Function &F = *Key.Primal;
  Function *D = Function::Create(Type, GlobalValue::InternalLinkage, Name, M);
  D->copyAttributesFrom(&F);
  D->setLinkage(GlobalValue::InternalLinkage);
  D->setVisibility(GlobalValue::DefaultVisibility);
  D->setDLLStorageClass(GlobalValue::DefaultStorageClass);
  // The derivative has its own parameters and writes shadows: keep only the
  // function-level attributes that stay true (target features, uwtable...).
  D->setAttributes(AttributeList::get(M.getContext(), F.getAttributes().getFnAttrs(),
                                      AttributeSet(), ParamAttrs));
  for (Attribute::AttrKind K : {Attribute::OptimizeNone, Attribute::NoInline,
                                Attribute::AlwaysInline, Attribute::Memory,
                                Attribute::NoSync, Attribute::WillReturn})
    D->removeFnAttr(K);
  D->setComdat(nullptr);
  D->setSection("");
  // The primal's convention (fastcc for internal functions at -O1 and up)
  // describes the primal's parameters, not these: every derivative uses C's,
  // and every call to it is built that way (checkCallSites checks both).
  D->setCallingConv(CallingConv::C);

  Memo[Key] = D;
  KeyOf.insert({D, Key});
  if (Caller)
    CalledFrom[D] = Caller;
  if (Request)
    RequestOf[D] = Request->getDebugLoc();
  Generated.push_back(D);
  Pending.push_back(D);
  return D;
}

bool DerivativeSet::generatePending(function_ref<bool(Function &)> Generate) {
  bool Ok = true;
  while (!Pending.empty()) {
    Function *D = Pending.pop_back_val();
    bool Done = Generate(*D) && verify(*D);
    if (Done && printGenerated())
      D->print(outs());
    Ok &= Done;
  }
  return Ok;
}

void DerivativeSet::copyPreparedBody(Function &Primal, Function &Into, ArrayRef<Value *> Args) {
  Function *&Clean = Prepared[&Primal];
  if (!Clean)
    Clean = prepareClone(Primal, FAM);
  ValueToValueMapTy VMap;
  moveBody(*CloneFunction(Clean, VMap), Into, Args);
  for (unsigned I = 0; I < Primal.arg_size(); ++I)
    Args[I]->setName(Primal.getArg(I)->getName());
}

std::optional<CalleeSummary> DerivativeSet::calleeSummary(const CallBase &CB,
                                                         ArrayRef<bool> ArgActive,
                                                         ShadowedMemory Memory) {
  Function *Callee = CB.getCalledFunction();
  // A function with a user rule is as opaque as a declaration: its body
  // may hide the very flow its rule describes.
  if (!Callee || Callee->isDeclaration() || Callee->isVarArg() || hasUserRule(*Callee) ||
      ArgActive.size() != Callee->arg_size())
    return std::nullopt;
  std::string Mask;
  for (bool A : ArgActive)
    Mask += A ? '1' : '0';
  SummaryKey Key{Callee, Mask, Memory.Locals | Memory.Heap << 1 | Memory.Globals << 2};
  if (auto It = Summaries.find(Key); It != Summaries.end())
    return It->second;
  if (auto It = SummariesInProgress.find(Key); It != SummariesInProgress.end()) {
    SummariesConsulted.insert(Key);
    return It->second;
  }
  // A copy: summaries of callees insert into Prepared while this one runs.
  Function *Clean = Prepared.lookup(Callee);
  if (!Clean)
    Clean = Prepared[Callee] = prepareClone(*Callee, FAM);
  std::set<SummaryKey> ConsultedOutside = std::exchange(SummariesConsulted, {});
  CalleeSummary &Assumed = SummariesInProgress[Key] = CalleeSummary();
  CalleeSummary Result;
  for (;;) {
    auto Calls = calleeSummariesFor(Memory);
    Result = ActivityInfo::compute(*Clean, ArgActive, Memory, Calls).summary(*Clean, Calls);
    bool Recursive = SummariesConsulted.erase(Key);
    if (!Recursive || Result == Assumed)
      break;
    // The answer grew past what recursive calls assumed: ask again.
    Assumed = Result;
    SummariesConsulted.clear();
  }
  SummariesInProgress.erase(Key);
  // An answer that leaned on an outer summary still being computed is only
  // final once that one is.
  if (SummariesConsulted.empty())
    Summaries[Key] = Result;
  SummariesConsulted.insert(ConsultedOutside.begin(), ConsultedOutside.end());
  return Result;
}

void DerivativeSet::normalize(Function &Fn) { adjoint::normalize(Fn, FAM); }
bool DerivativeSet::integerMovesAsCopies(Function &Fn) {
  return adjoint::integerMovesAsCopies(Fn, FAM);
}

void DerivativeSet::unifyReturns(Function &Fn) {
  FAM.invalidate(Fn, PreservedAnalyses::none());
  UnifyFunctionExitNodesPass().run(Fn, FAM);
  FAM.invalidate(Fn, PreservedAnalyses::none());
}

std::string callSiteMismatch(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return "";
  if (CB.getCallingConv() != Callee->getCallingConv())
    return ("a call to '" + Callee->getName() + "' in '" + CB.getFunction()->getName() +
            "' uses calling convention " + Twine(CB.getCallingConv()) + ", its callee " +
            Twine(Callee->getCallingConv()))
        .str();
  for (unsigned I = 0; I < CB.arg_size() && I < Callee->arg_size(); ++I)
    if (isa<UndefValue>(CB.getArgOperand(I)) &&
        (Callee->hasParamAttribute(I, Attribute::NoUndef) || CB.paramHasAttr(I, Attribute::NoUndef)))
      return ("a call to '" + Callee->getName() + "' in '" + CB.getFunction()->getName() +
              "' passes undef or poison as argument " + Twine(I + 1) + ", which is noundef")
          .str();
  return "";
}

bool DerivativeSet::verify(Function &Fn) {
  std::string Problem;
  if (verifyFunction(Fn, &errs()))
    Problem = "it is not valid IR (printed above)";
  for (Instruction &I : instructions(Fn))
    if (auto *CB = dyn_cast<CallBase>(&I); CB && Problem.empty())
      Problem = callSiteMismatch(*CB);
  if (Problem.empty())
    return true;
  Diags.error(*keyOf(&Fn).Primal, "internal error in the derivative of '" +
                                      keyOf(&Fn).Primal->getName() + "': " + Problem +
                                      "; please report this");
  return false;
}

bool DerivativeSet::checkCallsToGenerated() {
  for (Function *D : Generated)
    for (User *U : D->users())
      if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledFunction() == D)
        if (std::string Problem = callSiteMismatch(*CB); !Problem.empty()) {
          Diags.error(*CB, "internal error: " + Problem + "; please report this");
          return false;
        }
  return true;
}

void DerivativeSet::discardSince(size_t Mark) {
  for (size_t I = Mark; I < Generated.size(); ++I)
    Generated[I]->deleteBody();
  for (size_t I = Mark; I < Generated.size(); ++I) {
    Function *F = Generated[I];
    Memo.erase(KeyOf.find(F)->second);
    KeyOf.erase(F);
    CalledFrom.erase(F);
    RequestOf.erase(F);
    F->replaceAllUsesWith(PoisonValue::get(F->getType()));
    F->eraseFromParent();
  }
  Generated.resize(Mark);
  Pending.clear();
}

void DerivativeSet::finish() {
  for (auto &[Primal, Clean] : Prepared)
    if (Clean)
      Clean->eraseFromParent();
  Prepared.clear();
}

GlobalVariable *DerivativeSet::shadowGlobal(GlobalVariable &G, unsigned Lane) {
  SmallVector<GlobalVariable *, 2> Named = namedShadows(G);
  if (!Named.empty()) {
    // Adjoints of a global with a named shadow go there, like any other.
    if (Lane == AdjointSinkLane)
      return Named[0];
    if (Lane < Named.size())
      return Named[Lane];
    ShadowProblems.push_back(
        ("global '" + G.getName() + "' has " + Twine(Named.size()) +
         " named shadow(s), but this derivative needs one for lane " + Twine(Lane + 1) +
         ": name one shadow per lane of enzyme_width ({&global, &shadow1, &shadow2, ...})")
            .str());
  }
  GlobalVariable *&S = ShadowGlobals[{&G, Lane}];
  if (!S) {
    std::string Name = (G.getName() + "_shadow").str();
    if (Lane == AdjointSinkLane)
      Name += ".adjoint_sink";
    else if (Lane)
      Name += "." + std::to_string(Lane);
    S = new GlobalVariable(M, G.getValueType(), /*isConstant=*/false,
                           GlobalValue::InternalLinkage,
                           Constant::getNullValue(G.getValueType()), Name);
    S->setAlignment(G.getAlign());
    S->setThreadLocalMode(G.getThreadLocalMode());
  }
  return S;
}

Constant *DerivativeSet::shadowOfGlobalAddress(Constant *C, unsigned Lane,
                                               bool ZeroForConstants) {
  if (auto *GV = dyn_cast<GlobalVariable>(C)) {
    bool Constant = GV->isConstant() && !GV->getName().starts_with("enzyme_");
    if (isShadowedGlobalPointer(GV) || (ZeroForConstants && Constant))
      return shadowGlobal(*GV, Lane);
    return nullptr;
  }
  auto *CE = dyn_cast<ConstantExpr>(C);
  if (!CE || !(CE->getOpcode() == Instruction::GetElementPtr || CE->isCast()))
    return nullptr;
  Constant *Base = shadowOfGlobalAddress(CE->getOperand(0), Lane, ZeroForConstants);
  if (!Base)
    return nullptr;
  SmallVector<Constant *, 4> Ops;
  for (Value *Op : CE->operand_values())
    Ops.push_back(cast<Constant>(Op));
  Ops[0] = Base;
  return CE->getWithOperands(Ops);
}

SmallVector<GlobalVariable *, 4> DerivativeSet::shadowGlobalsReachedFrom(Function &Entry) {
  SmallPtrSet<GlobalVariable *, 8> Internal;
  for (auto &[Of, Shadow] : ShadowGlobals)
    Internal.insert(Shadow);
  SmallVector<GlobalVariable *, 4> Found;
  if (Internal.empty())
    return Found;
  SmallPtrSet<const Value *, 32> Seen{&Entry};
  SmallVector<Function *, 8> Work{&Entry};
  // Constants are walked through (a GEP into a shadow, a derivative's
  // address); instructions name the functions and globals they use.
  std::function<void(const Value *)> Visit = [&](const Value *V) {
    if (!isa<Constant>(V) || !Seen.insert(V).second)
      return;
    if (auto *G = dyn_cast<GlobalVariable>(V)) {
      if (Internal.contains(G))
        Found.push_back(const_cast<GlobalVariable *>(G));
      return;
    }
    if (auto *F = dyn_cast<Function>(V)) {
      if (KeyOf.count(F))
        Work.push_back(const_cast<Function *>(F));
      return;
    }
    for (const Value *Op : cast<Constant>(V)->operands())
      Visit(Op);
  };
  while (!Work.empty())
    for (Instruction &I : instructions(*Work.pop_back_val()))
      for (const Value *Op : I.operands())
        Visit(Op);
  return Found;
}

std::string DerivativeSet::callChain(Function *Fn) const {
  SmallVector<StringRef, 8> Names;
  DebugLoc Request;
  for (Function *T = Fn; T;) {
    Names.push_back(KeyOf.find(T)->second.Primal->getName());
    Request = RequestOf.lookup(T);
    auto It = CalledFrom.find(T);
    T = It == CalledFrom.end() ? nullptr : It->second;
  }
  std::string S;
  for (auto It = Names.rbegin(); It != Names.rend(); ++It)
    S += (S.empty() ? "" : " -> ") + demangle(It->str());
  if (const DILocation *Loc = Request.get())
    S += ", for the request at " + Loc->getFilename().str() + ":" +
         std::to_string(Loc->getLine());
  return S;
}

} // namespace adjoint
