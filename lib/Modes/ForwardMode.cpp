//===- Modes/ForwardMode.cpp - tangent functions --------------------------===//
//
/// \file
/// Forward mode's signatures (see ForwardMode.h) and the frame of
/// TangentBuilder: lookup of lanes, PHIs, returns, errors.
//
//===----------------------------------------------------------------------===//
#include "Modes/ForwardMode.h"

#include "Analysis/KnownFunctions.h"
#include "Modes/IndirectCalls.h"
#include "Requests/Registrations.h"
#include "Support/Options.h"
#include "Modes/TangentBuilder.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace adjoint {

bool ForwardMode::returnsTangent(Type *T) { return !T->isVoidTy() && canCarryDerivative(T); }

Function *ForwardMode::getTangentFunction(Function &F, ArrayRef<bool> ArgHasShadow,
                                          unsigned Width, Function *Caller,
                                          const Instruction *Request, bool NullShadows) {
  DerivativeKey Key{DerivativeKind::Tangent, &F, std::string(), Width, NullShadows};
  for (bool S : ArgHasShadow)
    Key.Activity.push_back(S ? '1' : '0');
  if (Function *Known = Set.find(Key))
    return Known;

  LLVMContext &Ctx = F.getContext();
  SmallVector<Type *, 8> Params;
  // Primal parameters keep their attributes; shadows keep the ones that
  // change the calling convention (byval copies, extensions).
  AttributeList Attrs = F.getAttributes();
  SmallVector<AttributeSet, 8> ParamAttrs;
  for (Argument &A : F.args()) {
    Params.push_back(A.getType());
    AttributeSet PA = Attrs.getParamAttrs(A.getArgNo()).removeAttribute(Ctx, Attribute::Returned);
    ParamAttrs.push_back(PA);
    if (!ArgHasShadow[A.getArgNo()])
      continue;
    Params.append(Width, A.getType());
    AttrBuilder ShadowAB(Ctx);
    for (Attribute::AttrKind K : {Attribute::ZExt, Attribute::SExt, Attribute::InReg})
      if (PA.hasAttribute(K))
        ShadowAB.addAttribute(K);
    if (Type *ByVal = PA.getByValType())
      ShadowAB.addByValAttr(ByVal);
    ParamAttrs.append(Width, AttributeSet::get(Ctx, ShadowAB));
  }
  Type *Ret = F.getReturnType();
  if (returnsTangent(Ret)) {
    SmallVector<Type *, 5> Fields(Width + 1, Ret);
    Ret = StructType::get(Ctx, Fields);
  }
  std::string Name = ("fwddiff." + F.getName() + "." + Key.Activity).str();
  if (Width > 1)
    Name += ".w" + std::to_string(Width);
  if (NullShadows)
    Name += ".nullable";
  return Set.declare(Key, FunctionType::get(Ret, Params, false), Name, ParamAttrs, Caller,
                     Request);
}

/// The tangent function of a function with a user rule: the primal call
/// for f's result and side effects, then the rule once per lane (a library
/// rule first, then the primal call), given each
/// parameter followed by its tangent (zero, or a null shadow, for those
/// without one).
static void callUserRule(Function &Tangent, const DerivativeKey &Key, Function &Rule) {
  Function &F = *Key.Primal;
  IRBuilder<> B(BasicBlock::Create(Tangent.getContext(), "entry", &Tangent));
  SmallVector<Value *, 8> Primals;
  SmallVector<SmallVector<Value *, 2>, 8> Shadows; // per parameter, per lane
  unsigned Next = 0;
  for (Argument &A : F.args()) {
    Primals.push_back(Tangent.getArg(Next++));
    Shadows.emplace_back();
    bool Has = Key.Activity[A.getArgNo()] == '1';
    for (unsigned K = 0; K < Key.Width; ++K)
      Shadows.back().push_back(Has ? static_cast<Value *>(Tangent.getArg(Next + K))
                                   : Constant::getNullValue(A.getType()));
    if (Has)
      Next += Key.Width;
  }
  // A library rule runs first: it reads the inputs f overwrites.
  bool RuleFirst = hasLibraryRules(F);
  CallInst *Primal = nullptr;
  auto CallPrimal = [&] {
    Primal = B.CreateCall(&F, Primals);
    Primal->setCallingConv(F.getCallingConv());
  };
  if (!RuleFirst)
    CallPrimal();
  SmallVector<Value *, 4> Lanes;
  for (unsigned K = 0; K < Key.Width; ++K) {
    SmallVector<Value *, 16> Args;
    for (Argument &A : F.args()) {
      Args.push_back(Primals[A.getArgNo()]);
      if (canCarryDerivative(A.getType()))
        Args.push_back(Shadows[A.getArgNo()][K]);
    }
    CallInst *Lane = B.CreateCall(&Rule, Args);
    Lane->setCallingConv(Rule.getCallingConv());
    Lanes.push_back(Lane);
  }
  if (RuleFirst)
    CallPrimal();
  if (!ForwardMode::returnsTangent(F.getReturnType())) {
    B.CreateRetVoid();
    return;
  }
  Value *Result = PoisonValue::get(Tangent.getReturnType());
  Result = B.CreateInsertValue(Result, Primal, 0);
  for (unsigned K = 0; K < Key.Width; ++K)
    Result = B.CreateInsertValue(Result, Lanes[K], K + 1);
  B.CreateRet(Result);
}

bool ForwardMode::generateBody(Function &Tangent) {
  DerivativeKey Key = Set.keyOf(&Tangent); // a copy: the set grows meanwhile
  if (Function *Rule = forwardRuleOf(*Key.Primal)) {
    callUserRule(Tangent, Key, *Rule);
    return true;
  }
  SmallVector<Value *, 8> PrimalArgs;
  unsigned Next = 0;
  for (Argument &A : Key.Primal->args()) {
    PrimalArgs.push_back(Tangent.getArg(Next));
    Next += 1 + (Key.Activity[A.getArgNo()] == '1' ? Key.Width : 0);
  }
  Set.copyPreparedBody(*Key.Primal, Tangent, PrimalArgs);
  // Through a pointer to an unknown function, a tangent would be lost; with
  // none passed (the call may only read globals), it is the primal's call.
  if (isUnknownTargetStub(*Key.Primal) && StringRef(Key.Activity).contains('1'))
    stopAtUnknownTargets(Tangent);
  return TangentBuilder(*this, Tangent, Key, Set.diagnostics()).run();
}

// ---- TangentBuilder: frame ---------------------------------------------------

static SmallVector<bool, 8> primalArgMask(Function &Tangent, const DerivativeKey &Key) {
  SmallVector<bool, 8> Mask(Tangent.arg_size(), false);
  unsigned Next = 0;
  for (char C : Key.Activity) {
    Mask[Next] = C == '1';
    Next += 1 + (C == '1' ? Key.Width : 0);
  }
  return Mask;
}

TangentBuilder::TangentBuilder(ForwardMode &Mode, Function &Tangent, const DerivativeKey &Key,
                               Diagnostics &Diags)
    : Mode(Mode), Tangent(Tangent), Key(Key), Diags(Diags), Width(Key.Width),
      Activity(ActivityInfo::compute(Tangent, primalArgMask(Tangent, Key), ShadowedMemory(),
                                     Mode.derivatives().calleeSummariesFor(ShadowedMemory()))),
      B(Tangent.getContext()) {
  unsigned Next = 0;
  for (char C : Key.Activity) {
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
  Nullable = Activity.nullableShadows(
      Tangent, Key.NullShadows, Mode.derivatives().calleeSummariesFor(ShadowedMemory()));
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
  return Mode.derivatives().shadowOfGlobalAddress(C, K, /*ZeroForConstants=*/false);
}

/// A zero shadow for an address into a constant table: the table's zero
/// shadow global, with the same address arithmetic (built after \p V).
static Value *zeroShadowOfTableAddress(DerivativeSet &Set, Value *V, unsigned K) {
  if (auto *C = dyn_cast<Constant>(V))
    return Set.shadowOfGlobalAddress(C, K, /*ZeroForConstants=*/true);
  auto *G = dyn_cast<GetElementPtrInst>(V);
  if (!G)
    return nullptr;
  Value *Base = zeroShadowOfTableAddress(Set, G->getPointerOperand(), K);
  if (!Base)
    return nullptr;
  IRBuilder<> B(G->getNextNode());
  SmallVector<Value *, 4> Idx(G->indices());
  return B.CreateGEP(G->getSourceElementType(), Base, Idx, G->getName() + ".zero", G->isInBounds());
}

Value *TangentBuilder::choiceShadow(Value *V, unsigned K) {
  if (V->getType()->isPtrOrPtrVectorTy() && !hasTangent(V))
    if (Value *S = zeroShadowOfTableAddress(Mode.derivatives(), V, K))
      return S;
  return tangentOrZero(V, K);
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
  Diags.error(At, Why + " (reached from " + Mode.derivatives().callChain(&Tangent) + ")");
}

bool TangentBuilder::requireShadow(Instruction &At, Value *Ptr) {
  if (!Ptr->getType()->isPtrOrPtrVectorTy() || hasTangent(Ptr) ||
      isa<ConstantPointerNull>(Ptr) || isa<UndefValue>(Ptr))
    return true;
  // No memory: offsets from null (the end of an empty std::vector) are no
  // address to read or write.
  Value *Base = getUnderlyingObject(Ptr);
  if (isa<ConstantPointerNull>(Base))
    return true;
  // A constant table beside memory with a shadow reads zeros from its own.
  if (auto *C = dyn_cast<Constant>(Base);
      C && Mode.derivatives().shadowOfGlobalAddress(C, 0, /*ZeroForConstants=*/true) &&
      (isa<Constant>(Ptr) || isa<GetElementPtrInst>(Ptr)))
    return true;
  fail(At, "a pointer here may point to memory without a shadow" +
               (Ptr->hasName() ? " ('" + Ptr->getName() + "')" : Twine()) +
               " (such as a choice between a duplicated and an enzyme_const array); pass "
               "that memory with enzyme_dup and a shadow (zeroed, if it holds no "
               "derivative)");
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
        cast<PHINode>(L[K])->addIncoming(choiceShadow(V, K), Phi->getIncomingBlock(In));
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
