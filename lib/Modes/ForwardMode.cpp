//===- Modes/ForwardMode.cpp - tangent functions --------------------------===//
//
/// \file
/// The module-wide half of forward mode (see ForwardMode.h): signatures,
/// the memo, the worklist of bodies, shadow globals, and the frame of
/// TangentBuilder (lookup of lanes, PHIs, returns).
//
//===----------------------------------------------------------------------===//
#include "Modes/ForwardMode.h"

#include "Analysis/KnownFunctions.h"
#include "Modes/Prepare.h"
#include "Modes/TangentBuilder.h"
#include "Support/Options.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace adjoint {

ForwardMode::ForwardMode(Module &M, FunctionAnalysisManager &FAM, Diagnostics &Diags)
    : M(M), FAM(FAM), Diags(Diags) {}

ForwardMode::~ForwardMode() { finish(); }

bool ForwardMode::returnsTangent(Type *T) { return !T->isVoidTy() && canCarryDerivative(T); }

Function *ForwardMode::getTangentFunction(Function &F, ArrayRef<bool> ArgHasShadow,
                                          unsigned Width, Function *Caller,
                                          const Instruction *Request) {
  TangentKey Key{&F, std::string(), Width};
  for (bool S : ArgHasShadow)
    Key.ShadowMask.push_back(S ? '1' : '0');
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;

  SmallVector<Type *, 8> Params;
  for (Argument &A : F.args()) {
    Params.push_back(A.getType());
    if (ArgHasShadow[A.getArgNo()])
      Params.append(Width, A.getType());
  }
  Type *Ret = F.getReturnType();
  if (returnsTangent(Ret)) {
    SmallVector<Type *, 5> Fields(Width + 1, Ret);
    Ret = StructType::get(M.getContext(), Fields);
  }
  auto *FTy = FunctionType::get(Ret, Params, false);
  std::string Name = ("fwddiff." + F.getName() + "." + Key.ShadowMask).str();
  if (Width > 1)
    Name += ".w" + std::to_string(Width);
  Function *Tangent = Function::Create(FTy, GlobalValue::InternalLinkage, Name, M);
  Tangent->copyAttributesFrom(&F);
  Tangent->setLinkage(GlobalValue::InternalLinkage);
  Tangent->setVisibility(GlobalValue::DefaultVisibility);
  Tangent->setDLLStorageClass(GlobalValue::DefaultStorageClass);
  // The tangent has its own parameters and writes shadows: keep only the
  // function-level attributes that stay true (target features, uwtable...).
  // Primal parameters keep their attributes; shadows keep the ones that
  // change the calling convention (byval copies, extensions).
  AttributeList Attrs = F.getAttributes();
  SmallVector<AttributeSet, 8> ParamAttrs;
  for (Argument &A : F.args()) {
    AttributeSet PA = Attrs.getParamAttrs(A.getArgNo()).removeAttribute(
        M.getContext(), Attribute::Returned);
    ParamAttrs.push_back(PA);
    if (!ArgHasShadow[A.getArgNo()])
      continue;
    AttrBuilder ShadowAB(M.getContext());
    for (Attribute::AttrKind K : {Attribute::ZExt, Attribute::SExt, Attribute::InReg})
      if (PA.hasAttribute(K))
        ShadowAB.addAttribute(K);
    if (Type *ByVal = PA.getByValType())
      ShadowAB.addByValAttr(ByVal);
    ParamAttrs.append(Width, AttributeSet::get(M.getContext(), ShadowAB));
  }
  Tangent->setAttributes(AttributeList::get(M.getContext(), Attrs.getFnAttrs(),
                                            AttributeSet(), ParamAttrs));
  for (Attribute::AttrKind K : {Attribute::OptimizeNone, Attribute::NoInline,
                                Attribute::AlwaysInline, Attribute::Memory,
                                Attribute::NoSync, Attribute::WillReturn})
    Tangent->removeFnAttr(K);
  Tangent->setComdat(nullptr);
  Tangent->setSection("");

  Cache[Key] = Tangent;
  KeyOf[Tangent] = Key;
  if (Caller)
    CalledFrom[Tangent] = Caller;
  if (Request)
    RequestOf[Tangent] = Request->getDebugLoc();
  Generated.push_back(Tangent);
  Pending.push_back(Tangent);
  return Tangent;
}

bool ForwardMode::generatePending() {
  bool Ok = true;
  while (!Pending.empty()) {
    Function *T = Pending.pop_back_val();
    Ok &= generateBody(*T);
  }
  return Ok;
}

bool ForwardMode::generateBody(Function &Tangent) {
  TangentKey Key = KeyOf.find(&Tangent)->second; // a copy: the map grows meanwhile
  Function *&Clean = Prepared[Key.Primal];
  if (!Clean)
    Clean = prepareClone(*Key.Primal, FAM);
  ValueToValueMapTy VMap;
  Function *Work = CloneFunction(Clean, VMap);
  SmallVector<Value *, 8> PrimalArgs;
  unsigned Next = 0;
  for (Argument &A : Key.Primal->args()) {
    PrimalArgs.push_back(Tangent.getArg(Next));
    Next += 1 + (Key.ShadowMask[A.getArgNo()] == '1' ? Key.Width : 0);
  }
  moveBody(*Work, Tangent, PrimalArgs);
  for (unsigned I = 0; I < Key.Primal->arg_size(); ++I)
    PrimalArgs[I]->setName(Key.Primal->getArg(I)->getName());

  bool Ok = TangentBuilder(*this, Tangent, Key, Diags).run();
  if (Ok && verifyFunction(Tangent, &errs())) {
    Diags.error(*Key.Primal, "internal error: the tangent of '" + Key.Primal->getName() +
                                 "' is not valid IR (printed above); please report this");
    Ok = false;
  }
  if (Ok && printGenerated())
    Tangent.print(outs());
  return Ok;
}

void ForwardMode::discardSince(size_t Mark) {
  for (size_t I = Mark; I < Generated.size(); ++I)
    Generated[I]->deleteBody();
  for (size_t I = Mark; I < Generated.size(); ++I) {
    Function *F = Generated[I];
    Cache.erase(KeyOf.find(F)->second);
    KeyOf.erase(F);
    CalledFrom.erase(F);
    RequestOf.erase(F);
    F->replaceAllUsesWith(PoisonValue::get(F->getType()));
    F->eraseFromParent();
  }
  Generated.resize(Mark);
  Pending.clear();
}

void ForwardMode::finish() {
  for (auto &[Primal, Clean] : Prepared)
    if (Clean)
      Clean->eraseFromParent();
  Prepared.clear();
}

GlobalVariable *ForwardMode::shadowGlobal(GlobalVariable &G, unsigned Lane) {
  GlobalVariable *&S = ShadowGlobals[{&G, Lane}];
  if (!S) {
    std::string Name = (G.getName() + "_shadow").str();
    if (Lane)
      Name += "." + std::to_string(Lane);
    S = new GlobalVariable(M, G.getValueType(), /*isConstant=*/false,
                           GlobalValue::InternalLinkage,
                           Constant::getNullValue(G.getValueType()), Name);
    S->setAlignment(G.getAlign());
    S->setThreadLocalMode(G.getThreadLocalMode());
  }
  return S;
}

std::string ForwardMode::callChain(Function *Fn) const {
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
    S += (S.empty() ? "" : " -> ") + It->str();
  if (const DILocation *Loc = Request.get())
    S += ", for the request at " + Loc->getFilename().str() + ":" +
         std::to_string(Loc->getLine());
  return S;
}

// ---- TangentBuilder: frame ---------------------------------------------------

static SmallVector<bool, 8> primalArgMask(Function &Tangent, const TangentKey &Key) {
  SmallVector<bool, 8> Mask(Tangent.arg_size(), false);
  unsigned Next = 0;
  for (char C : Key.ShadowMask) {
    Mask[Next] = C == '1';
    Next += 1 + (C == '1' ? Key.Width : 0);
  }
  return Mask;
}

TangentBuilder::TangentBuilder(ForwardMode &Mode, Function &Tangent, const TangentKey &Key,
                               Diagnostics &Diags)
    : Mode(Mode), Tangent(Tangent), Key(Key), Diags(Diags), Width(Key.Width),
      Activity(ActivityInfo::compute(Tangent, primalArgMask(Tangent, Key))),
      B(Tangent.getContext()) {
  unsigned Next = 0;
  for (char C : Key.ShadowMask) {
    Argument *Primal = Tangent.getArg(Next);
    if (C == '1') {
      Lanes L;
      for (unsigned K = 0; K < Width; ++K) {
        Argument *S = Tangent.getArg(Next + 1 + K);
        S->setName(Primal->getName() + ".shadow" + (Width > 1 ? Twine(K) : Twine("")));
        L.push_back(S);
      }
      setLanes(Primal, L);
    }
    Next += 1 + (C == '1' ? Width : 0);
  }
}

bool TangentBuilder::run() {
  if (printActivity())
    Activity.print(outs(), Tangent);
  SmallVector<Instruction *, 128> Order;
  ReversePostOrderTraversal<Function *> RPO(&Tangent);
  for (BasicBlock *BB : RPO)
    for (Instruction &I : *BB)
      Order.push_back(&I);
  // PHIs first, so a loop's tangent can refer to its own back edge.
  for (Instruction *I : Order)
    if (auto *Phi = dyn_cast<PHINode>(I))
      if (Activity.isActive(Phi)) {
        B.SetInsertPoint(Phi);
        Lanes L;
        for (unsigned K = 0; K < Width; ++K)
          L.push_back(B.CreatePHI(Phi->getType(), Phi->getNumIncomingValues(),
                                  Phi->getName() + ".tan"));
        setLanes(Phi, L);
        ActivePhis.push_back(Phi);
      }
  for (Instruction *I : Order)
    visit(*I);
  if (Failed)
    return false;
  fillPhis();
  rewriteReturns();
  return !Failed;
}

bool TangentBuilder::hasTangent(Value *V) {
  return Tangents.count(V) || (isa<Constant>(V) && isShadowedGlobalPointer(V));
}

Value *TangentBuilder::constantShadow(Constant *C, unsigned K) {
  if (auto *GV = dyn_cast<GlobalVariable>(C))
    return isShadowedGlobalPointer(GV) ? Mode.shadowGlobal(*GV, K) : nullptr;
  if (auto *CE = dyn_cast<ConstantExpr>(C))
    if (CE->getOpcode() == Instruction::GetElementPtr || CE->isCast())
      if (Value *S = constantShadow(CE->getOperand(0), K))
      {
        SmallVector<Constant *, 4> Ops;
        for (Value *Op : CE->operand_values())
          Ops.push_back(cast<Constant>(Op));
        Ops[0] = cast<Constant>(S);
        return CE->getWithOperands(Ops);
      }
  return nullptr;
}

Value *TangentBuilder::tangentOrZero(Value *V, unsigned K) {
  auto It = Tangents.find(V);
  if (It != Tangents.end())
    return It->second[K];
  if (auto *C = dyn_cast<Constant>(V))
    if (Value *S = constantShadow(C, K))
      return S;
  return Constant::getNullValue(V->getType());
}

void TangentBuilder::insertAfter(Instruction &I) {
  if (isa<PHINode>(I)) {
    B.SetInsertPoint(I.getParent(), I.getParent()->getFirstInsertionPt());
  } else if (auto *II = dyn_cast<InvokeInst>(&I)) {
    // After an invoke means on its normal edge, in a block of its own.
    BasicBlock *Normal = II->getNormalDest();
    if (!Normal->getSinglePredecessor()) {
      BasicBlock *Edge = BasicBlock::Create(I.getContext(), Normal->getName() + ".tangent",
                                            I.getFunction(), Normal);
      BranchInst::Create(Normal, Edge);
      Normal->replacePhiUsesWith(II->getParent(), Edge);
      II->setNormalDest(Edge);
      Normal = Edge;
    }
    B.SetInsertPoint(Normal, Normal->getFirstInsertionPt());
  } else
    B.SetInsertPoint(I.getNextNode());
  B.SetCurrentDebugLocation(I.getDebugLoc());
}

void TangentBuilder::fail(Instruction &At, const Twine &Why) {
  Failed = true;
  Diags.error(At, Why + " (reached from " + Mode.callChain(&Tangent) + ")");
}

bool TangentBuilder::requireShadow(Instruction &At, Value *Ptr) {
  if (!Ptr->getType()->isPtrOrPtrVectorTy() || hasTangent(Ptr) ||
      isa<ConstantPointerNull>(Ptr) || isa<UndefValue>(Ptr))
    return true;
  fail(At, "a pointer here may point to memory without a shadow" +
               (Ptr->hasName() ? " ('" + Ptr->getName() + "')" : Twine()) +
               "; pass that memory with enzyme_dup and its shadow");
  return false;
}

void TangentBuilder::fillPhis() {
  for (PHINode *Phi : ActivePhis) {
    Lanes &L = Tangents[Phi];
    for (unsigned In = 0; In < Phi->getNumIncomingValues(); ++In) {
      Value *V = Phi->getIncomingValue(In);
      for (unsigned K = 0; K < Width; ++K) {
        if (!requireShadow(*Phi, V))
          return;
        cast<PHINode>(L[K])->addIncoming(tangentOrZero(V, K), Phi->getIncomingBlock(In));
      }
    }
  }
}

void TangentBuilder::rewriteReturns() {
  Type *Ret = Tangent.getReturnType();
  if (!isa<StructType>(Ret) || !ForwardMode::returnsTangent(Key.Primal->getReturnType()))
    return;
  SmallVector<ReturnInst *, 4> Returns;
  for (BasicBlock &BB : Tangent)
    if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      Returns.push_back(R);
  for (ReturnInst *R : Returns) {
    B.SetInsertPoint(R);
    Value *V = R->getReturnValue();
    Value *Agg = B.CreateInsertValue(PoisonValue::get(Ret), V, 0);
    for (unsigned K = 0; K < Width; ++K)
      Agg = B.CreateInsertValue(Agg, tangentOrZero(V, K), K + 1);
    B.CreateRet(Agg);
    R->eraseFromParent();
  }
}

} // namespace adjoint
