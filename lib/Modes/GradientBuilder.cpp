//===- Modes/GradientBuilder.cpp - adjoints of one function ---------------===//
//
/// \file
/// See GradientBuilder.h: activity (useful), what the primal writes, the
/// forward pass (shadows, tape records), the reverse blocks and their PHIs.
/// The reverse of each instruction lives in GradientRules.cpp.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"
#include "Modes/IndirectCalls.h"

#include "Analysis/KnownFunctions.h"
#include "Support/LLVMCompat.h"
#include "Modes/ReverseMode.h"
#include "Rules/MathBuilder.h"
#include "Rules/Rules.h"
#include "Support/Diagnostics.h"
#include "Support/Options.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Local.h"
#include <functional>
#include <limits>

using namespace llvm;

namespace adjoint {

/// X + Y over the float parts of floats, vectors and aggregates.
Value *addValues(IRBuilderBase &B, Value *X, Value *Y) {
  Type *T = X->getType();
  if (T->isFPOrFPVectorTy())
    return B.CreateFAdd(X, Y);
  if (!isAdjointType(T))
    return X;
  unsigned N = isa<StructType>(T) ? T->getStructNumElements() : T->getArrayNumElements();
  Value *Sum = X;
  for (unsigned I = 0; I < N; ++I)
    Sum = B.CreateInsertValue(
        Sum, addValues(B, B.CreateExtractValue(X, I), B.CreateExtractValue(Y, I)), I);
  return Sum;
}

static SmallVector<bool, 8> activeArgs(const DerivativeKey &Key, Function &F) {
  SmallVector<bool, 8> Mask(F.arg_size(), false);
  for (unsigned I = 0, J = 0; I < Key.Activity.size(); ++I, ++J) {
    Mask[J] = Key.Activity[I] != GradientActivity::Const;
    if (Key.Activity[I] == GradientActivity::Duplicated)
      ++J; // the shadow
  }
  return Mask;
}

GradientBuilder::GradientBuilder(DerivativeSet &Set, Function &Gradient, const DerivativeKey &Key,
                                 Function *Reverse)
    : Set(Set), F(Gradient), Rev(Reverse ? *Reverse : Gradient), Split(Reverse), Key(Key),
      Varied(ActivityInfo::compute(Gradient, activeArgs(Key, Gradient), ShadowedMemory(),
                                   Set.calleeSummariesFor(ShadowedMemory()))),
      DT(Gradient), LI(DT), TheTape(Gradient, Split), B(Gradient.getContext()) {}

void GradientBuilder::fail(Instruction &At, const Twine &Why) {
  Failed = true;
  Set.diagnostics().error(At, Why + " (reached from " + Set.callChain(&F) + ")");
}

// ---- analysis ----------------------------------------------------------------------

bool GradientBuilder::isActive(Value *V) const {
  return Useful.contains(V) && Varied.isActive(V);
}

/// Instructions with reverse work: active values, and writes of floats into
/// memory with a shadow (their reverse moves the shadow into the stored
/// value's adjoint and clears it: what was overwritten gets no adjoint).
/// A masked store: {value, pointer, ...} (see maskedAccess).
static bool isMaskedStore(const Instruction &I) {
  auto *II = dyn_cast<IntrinsicInst>(&I);
  return II && II->getIntrinsicID() == Intrinsic::masked_store;
}

bool GradientBuilder::hasReverse(Instruction &I) const {
  if (auto *S = dyn_cast<StoreInst>(&I))
    return Varied.isActive(S->getPointerOperand()) &&
           isAdjointType(S->getValueOperand()->getType());
  if (isMaskedStore(I))
    return Varied.isActive(I.getOperand(1)) && isAdjointType(I.getOperand(0)->getType());
  if (auto *CI = dyn_cast<CallInst>(&I); CI && CallPlans.contains(CI))
    return true; // the callee's reverse may move adjoints through shadows
  if (auto *CB = dyn_cast<CallBase>(&I); CB && allocationHasReverse(*CB))
    return true; // frees the block and its shadow
  if (auto *CB = dyn_cast<CallBase>(&I); CB && LateFrees.contains(CB))
    return true; // lists the block for the end
  if (auto *MS = dyn_cast<MemSetInst>(&I))
    return Varied.isActive(MS->getRawDest());
  if (auto *MT = dyn_cast<MemTransferInst>(&I)) {
    const CopyLayout *L = copyLayout(*MT);
    return Varied.isActive(MT->getRawDest()) && L &&
           (L->Moved ||
            any_of(L->Fields, [](auto &Fd) { return Fd.second->isFloatingPointTy(); }));
  }
  return isActive(&I);
}

/// Useful: what an adjoint can flow back from the result into. Backward
/// closure from the returned values over operands that are varied.
void GradientBuilder::computeUseful() {
  SmallVector<Value *, 32> Work;
  auto mark = [&](Value *V) {
    if (Varied.isActive(V) && isAdjointType(V->getType()) && Useful.insert(V).second)
      Work.push_back(V);
  };
  if (Return && Return->getReturnValue())
    mark(Return->getReturnValue());
  // What is stored into memory with a shadow may be read back or be an
  // output the caller seeds: its adjoint comes from the shadow.
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      if (auto *S = dyn_cast<StoreInst>(&I); S && Varied.isActive(S->getPointerOperand()))
        mark(S->getValueOperand());
      else if (isMaskedStore(I) && Varied.isActive(I.getOperand(1)))
        mark(I.getOperand(0));
      // A kept call that can write memory with a shadow may store any of
      // its arguments there.
      else if (auto *CB = dyn_cast<CallBase>(&I); CB && keepsCall(*CB) &&
                                                  any_of(CB->args(), [&](Value *A) {
                                                    return A->getType()->isPointerTy() &&
                                                           Varied.isActive(A);
                                                  }))
        for (Value *A : CB->args())
          mark(A);
  while (!Work.empty()) {
    auto *I = dyn_cast<Instruction>(Work.pop_back_val());
    if (!I || isa<LoadInst>(I))
      continue;
    for (Value *Op : I->operands())
      mark(Op);
  }
}

/// Address arithmetic and integer index math are cheaper to rebuild in the
/// reverse block than to save: a shadow address x.shadow + 8 (i + k) costs
/// the tape one integer i instead of one pointer per k.
bool GradientBuilder::isCheapToRecompute(Value *V, unsigned Depth) const {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || availableInReverse(I))
    return true;
  if (Depth > 4)
    return false;
  // A load of memory nothing writes during the gradient reads the same
  // value again in the reverse pass (when its address is at hand).
  if (auto *L = dyn_cast<LoadInst>(I)) {
    Value *Ptr = L->getPointerOperand();
    return isReadOnlyDuringGradient(*L) &&
           (availableInReverse(Ptr) ||
            (!isa<PHINode>(Ptr) && isCheapToRecompute(Ptr, Depth + 1)));
  }
  if (I->mayReadOrWriteMemory() || I->mayHaveSideEffects())
    return false;
  bool Kind = isa<GetElementPtrInst>(I) || isa<CastInst>(I) ||
              (isa<BinaryOperator>(I) && I->getType()->isIntOrIntVectorTy());
  if (!Kind || isa<PHINode>(I))
    return false;
  // Its operands must be saved or rebuilt in turn; a phi operand is saved.
  for (Value *Op : I->operands())
    if (auto *OpI = dyn_cast<Instruction>(Op); OpI && !availableInReverse(OpI) &&
                                               !isa<PHINode>(OpI) &&
                                               !isCheapToRecompute(OpI, Depth + 1) &&
                                               !OpI->getType()->isIntOrIntVectorTy())
      return false;
  return true;
}

/// Float arithmetic and lane moves are rebuilt from their operands when
/// that saves no more bytes than saving the value itself: when at most one
/// operand, no larger than the value, must be saved for it. k * u and
/// 1 - u then cost the tape one u, shared by both.
bool GradientBuilder::isCheaperToRebuild(Instruction &I, const Record &R) const {
  bool Arithmetic = (isa<BinaryOperator>(I) && I.getType()->isFPOrFPVectorTy() &&
                     I.getOpcode() != Instruction::FDiv && I.getOpcode() != Instruction::FRem) ||
                    isa<UnaryOperator>(I) || isa<ShuffleVectorInst>(I) ||
                    isa<ExtractElementInst>(I) || isa<InsertElementInst>(I);
  if (!Arithmetic)
    return false;
  const DataLayout &DL = F.getDataLayout();
  unsigned Missing = 0;
  uint64_t MissingBytes = 0;
  for (Value *Op : I.operands()) {
    auto *OpI = dyn_cast<Instruction>(Op);
    if (!OpI || availableInReverse(OpI) || is_contained(R.Values, OpI) ||
        is_contained(R.Recomputed, OpI) || is_contained(R.Counters, OpI) ||
        isCheapToRecompute(OpI, 0))
      continue;
    ++Missing;
    MissingBytes += DL.getTypeAllocSize(OpI->getType());
  }
  return Missing == 0 ||
         (Missing == 1 && MissingBytes <= DL.getTypeAllocSize(I.getType()));
}

/// Whether the object \p Obj (an alloca or allocation) may escape the
/// function. Every use is followed: LLVM's default budget gives up on a
/// local array with more than about a hundred uses (an unrolled loop over
/// 33 elements), which made every load in the function count as
/// overwritable and the tape four times larger.
bool GradientBuilder::mayEscape(const Value *Obj) const {
  auto [It, New] = Escapes.try_emplace(Obj, true);
  if (New)
    It->second = pointerMayBeCaptured(Obj, std::numeric_limits<unsigned>::max());
  return It->second;
}

/// Which memory the primal writes: locals that do not escape are told
/// apart; any other write (through an argument, a global, a call) makes
/// every load count as overwritable.
void GradientBuilder::computeWrittenMemory() {
  auto written = [&](Value *Ptr) {
    Value *Obj = getUnderlyingObject(Ptr);
    if (isa<AllocaInst>(Obj) && !mayEscape(Obj))
      WrittenLocals.insert(Obj);
    else
      AnyMemoryWritten = true;
  };
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (auto *S = dyn_cast<StoreInst>(&I))
        written(S->getPointerOperand());
      else if (auto *MI = dyn_cast<MemIntrinsic>(&I))
        written(MI->getRawDest());
      else if (isMaskedStore(I))
        written(I.getOperand(1));
      else if (auto *CB = dyn_cast<CallBase>(&I);
               CB && !CB->onlyReadsMemory() && !isInactiveCall(*CB) && !findCallRule(*CB))
        AnyMemoryWritten = true;
      else if (I.mayWriteToMemory() && !isa<CallBase>(I))
        AnyMemoryWritten = true;
    }
}

bool GradientBuilder::isReadOnlyDuringGradient(LoadInst &L) const {
  const Value *Obj = getUnderlyingObject(L.getPointerOperand());
  // Split, the reverse function runs later: the caller may have written
  // any memory meanwhile, and the forward function's locals are gone.
  return !Split && !AnyMemoryWritten && L.isSimple() && !WrittenLocals.contains(Obj) &&
         !TheTape.isState(Obj);
}

InvokeInst *GradientBuilder::invokeAllocationBefore(BasicBlock &BB) const {
  BasicBlock *Pred = BB.getSinglePredecessor();
  auto *II = Pred ? dyn_cast<InvokeInst>(Pred->getTerminator()) : nullptr;
  return II && II->getNormalDest() == &BB && isAllocation(*II) &&
                 allocationHasReverse(*II)
             ? II
             : nullptr;
}

bool GradientBuilder::availableInReverse(Value *V) const {
  auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return true;
  BasicBlock *BB = I->getParent();
  return !LI.getLoopFor(BB) && Return && DT.dominates(BB, Return->getParent());
}

/// Reverse mode in this version reads memory but does not write it.
bool GradientBuilder::checkSupported() {
  SmallPtrSet<Function *, 4> Reported; // one error per callee, not per call
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (auto *S = dyn_cast<StoreInst>(&I)) {
        // A derivative stored where no shadow can receive its adjoint would
        // be lost.
        Value *V = S->getValueOperand();
        if (!Varied.isActive(S->getPointerOperand()) && Varied.isActive(V) &&
            !isa<Constant>(V) && (isAdjointType(V->getType()) || V->getType()->isPointerTy()))
          fail(I, lostDerivativeMessage(S->getPointerOperand()));
        continue;
      }
      if (isMaskedStore(I) && !Varied.isActive(I.getOperand(1)) &&
          Varied.isActive(I.getOperand(0)) && !isa<Constant>(I.getOperand(0))) {
        fail(I, "a value that carries a derivative is stored to memory without a shadow, so "
                "its derivative would be lost; pass that memory as enzyme_dup with a shadow");
        continue;
      }
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isInactiveCall(*CB) || findCallRule(*CB) || isa<MemSetInst>(CB) ||
          keepsCall(*CB) || isAllocation(*CB) || isFree(*CB))
        continue;
      if (auto *MT = dyn_cast<MemTransferInst>(CB); MT && copyLayout(*MT)) {
        if (!Varied.isActive(MT->getRawDest()) && Varied.isActive(MT->getRawSource()))
          fail(I, "memory with derivatives is copied into memory without a shadow, so the "
                  "derivatives would be lost; pass the destination as enzyme_dup");
        continue;
      }
      bool Touches = false;
      for (Value *A : CB->args())
        Touches |= Varied.isActive(A);
      if (!Touches)
        continue;
      Function *Callee = CB->getCalledFunction();
      if (Callee && !Reported.insert(Callee).second)
        continue;
      if (isa<MemTransferInst>(CB))
        fail(I, "reverse mode cannot tell what this copy moves: neither side is a local or "
                "global array, and the function reads or writes the memory on both sides as "
                "different types (or not at all); copy the elements in a loop");
      else if (!Callee)
        fail(I, NoKnownTargetsMessage);
      else if (!Callee->isDeclaration())
        fail(I, "reverse mode cannot differentiate this call to '" +
                    demangle(Callee->getName()) +
                    "' yet: it is an invoke (a call that may throw) or takes variable "
                    "arguments, and it cannot be inlined");
      else
        fail(I, "cannot differentiate a call to '" + Callee->getName() +
                    "': it is not defined in this translation unit and has no derivative rule");
    }
  return !Failed;
}

// ---- forward pass ----------------------------------------------------------------

void GradientBuilder::buildShadows() {
  // Mutable globals that can hold derivatives have shadow globals (shared
  // with every other derivative in the module); their addresses' shadows
  // are the same addresses in the shadow.
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      for (Value *Op : I.operands()) {
        auto *C = dyn_cast<Constant>(Op);
        if (!C || !C->getType()->isPointerTy() || Shadow.count(C) ||
            !isShadowedGlobalPointer(C))
          continue;
        auto *G = cast<GlobalVariable>(getUnderlyingObject(C));
        if (canCarryDerivative(G->getValueType()))
          if (Constant *S = Set.shadowOfGlobalAddress(C, 0, /*ZeroForConstants=*/false))
            Shadow[C] = S;
      }
  unsigned Next = 0;
  for (char C : Key.Activity) {
    if (C == GradientActivity::Duplicated) {
      Shadow[F.getArg(Next)] = F.getArg(Next + 1);
      F.getArg(Next + 1)->setName(F.getArg(Next)->getName() + ".shadow");
      if (Nullable.contains(F.getArg(Next)))
        MaybeNullShadows.insert(F.getArg(Next + 1));
      ++Next;
    }
    ++Next;
  }
  SmallVector<PHINode *, 8> Phis;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      // Pointers stored into memory with a shadow put their shadow in the
      // shadow memory, so a load of the pointer finds it again.
      if (auto *St = dyn_cast<StoreInst>(&I);
          St && St->getValueOperand()->getType()->isPointerTy())
        if (Value *SP = Shadow.lookup(St->getPointerOperand())) {
          Value *SV = Shadow.lookup(St->getValueOperand());
          B.SetInsertPoint(St->getNextNode());
          B.CreateAlignedStore(SV ? SV
                                  : ConstantPointerNull::get(
                                        cast<PointerType>(St->getValueOperand()->getType())),
                               shadowOrScratch(SP, SP, St->getValueOperand()->getType()),
                               St->getAlign());
        }
      if (!I.getType()->isPointerTy() || !Varied.isActive(&I))
        continue;
      IRBuilder<> FB(&I);
      if (isa<PHINode>(I)) {
        FB.SetInsertPoint(&I);
      } else if (auto *II = dyn_cast<InvokeInst>(&I)) {
        // The result exists on the normal path only.
        BasicBlock *Normal = II->getNormalDest();
        if (!Normal->getSinglePredecessor()) {
          fail(I, "reverse mode cannot give a shadow to the result of this invoke (its normal "
                  "destination has other predecessors)");
          continue;
        }
        FB.SetInsertPoint(Normal, Normal->getFirstInsertionPt());
      } else {
        FB.SetInsertPoint(I.getNextNode());
      }
      // A pointer derived from one whose shadow is unknown has none either.
      auto shadowOf = [&](Value *P) -> Value * {
        Value *PS = Shadow.lookup(P);
        if (!PS)
          fail(I, "reverse mode cannot tell which shadow this pointer has: it is derived from "
                  "a pointer into memory with derivatives whose shadow is unknown");
        return PS;
      };
      Value *S = nullptr;
      if (auto *A = dyn_cast<AllocaInst>(&I)) {
        // A local's shadow starts at zero: nothing has flowed back into it.
        // Split, it must outlive the forward function: on the heap.
        if (!Split) {
          S = createZeroedShadow(FB, *A);
        } else if (!availableInReverse(A)) {
          fail(*A, "the split form of reverse mode needs every local that carries "
                   "derivatives allocated once per call; this one is allocated in a loop "
                   "or on a conditional path");
        } else {
          const DataLayout &DL = F.getDataLayout();
          Module &M = *F.getParent();
          FunctionCallee Calloc =
              M.getOrInsertFunction("calloc", FB.getPtrTy(), FB.getInt64Ty(), FB.getInt64Ty());
          S = FB.CreateCall(Calloc, {FB.CreateZExtOrTrunc(A->getArraySize(), FB.getInt64Ty()),
                                     FB.getInt64(DL.getTypeAllocSize(A->getAllocatedType()))},
                            A->getName() + ".shadow");
          HeapShadows.push_back(S);
        }
      } else if (auto *G = dyn_cast<GetElementPtrInst>(&I)) {
        SmallVector<Value *, 4> Idx(G->indices());
        if (Value *Base = shadowOf(G->getPointerOperand())) {
          S = FB.CreateGEP(G->getSourceElementType(), Base, Idx, I.getName() + ".shadow",
                           G->isInBounds());
          // Null stays null: offsets from a null shadow are no address.
          if (Nullable.contains(&I))
            S = FB.CreateSelect(FB.CreateIsNull(Base),
                                ConstantPointerNull::get(cast<PointerType>(I.getType())), S);
        }
      } else if (auto *Cast = dyn_cast<CastInst>(&I)) {
        if (Value *From = shadowOf(Cast->getOperand(0)))
          S = FB.CreateCast(Cast->getOpcode(), From, I.getType());
      } else if (auto *L = dyn_cast<LoadInst>(&I)) {
        if (Value *From = shadowOf(L->getPointerOperand())) {
          B.SetInsertPoint(&*FB.GetInsertPoint());
          S = B.CreateAlignedLoad(I.getType(), shadowOrScratch(From, From, I.getType()),
                                  L->getAlign(), I.getName() + ".shadow");
          if (mayBeNullShadow(From)) // not what the scratch location holds
            S = B.CreateSelect(B.CreateIsNull(From),
                               ConstantPointerNull::get(cast<PointerType>(I.getType())), S);
        }
      } else if (auto *Phi = dyn_cast<PHINode>(&I)) {
        S = FB.CreatePHI(I.getType(), Phi->getNumIncomingValues(), I.getName() + ".shadow");
        Phis.push_back(Phi);
      } else if (auto *Sel = dyn_cast<SelectInst>(&I)) {
        Value *T = choiceShadow(Sel->getTrueValue()), *E = choiceShadow(Sel->getFalseValue());
        // A choice with memory without a shadow (an enzyme_const array):
        // a null shadow on that side.
        auto *Null = ConstantPointerNull::get(cast<PointerType>(I.getType()));
        if (Nullable.contains(&I) && (T || E))
          S = FB.CreateSelect(Sel->getCondition(), T ? T : Null, E ? E : Null);
        else if (T && E)
          S = FB.CreateSelect(Sel->getCondition(), T, E);
      } else if (auto *CB = dyn_cast<CallBase>(&I); CB && isAllocation(*CB)) {
        S = createZeroedShadowAllocation(FB, *CB);
      } else if (auto *CB = dyn_cast<CallBase>(&I);
                 CB && CB->getCalledFunction() && isUnknownTargetStub(*CB->getCalledFunction())) {
        // Its derivative stops the program before it returns: any shadow
        // does, and the pointer itself is one that is never null.
        S = CB;
      } else if (auto *II = dyn_cast<IntrinsicInst>(&I);
                 II && II->getIntrinsicID() == Intrinsic::threadlocal_address) {
        // This thread's copy of a thread-local global: its shadow is this
        // thread's copy of the (thread-local) shadow global.
        if (Value *G = shadowOf(II->getArgOperand(0)))
          S = FB.CreateThreadLocalAddress(G);
      }
      if (S && !isa<Constant>(S)) {
        Shadow[&I] = S;
        if (Nullable.contains(&I))
          MaybeNullShadows.insert(S);
      }
    }
  for (PHINode *Phi : Phis) {
    auto *S = cast<PHINode>(Shadow[Phi]);
    for (unsigned K = 0; K < Phi->getNumIncomingValues(); ++K) {
      Value *In = choiceShadow(Phi->getIncomingValue(K));
      S->addIncoming(In ? In : ConstantPointerNull::get(cast<PointerType>(Phi->getType())),
                     Phi->getIncomingBlock(K));
    }
  }
}

/// Accesses other than loads and stores do not take a shadow that may be
/// null yet: they are reported.
void GradientBuilder::checkNullableShadowUses() {
  if (MaybeNullShadows.empty())
    return;
  auto nullable = [&](Value *P) { return mayBeNullShadow(Shadow.lookup(P)); };
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !hasReverse(I) || isAllocation(*CB) || LateFrees.contains(CB) ||
          isa<MemTransferInst>(CB) || isa<MemSetInst>(CB) ||
          (isa<CallInst>(CB) && CallPlans.contains(cast<CallInst>(CB))))
        continue;
      if (any_of(CB->args(), [&](const Use &A) {
            return A->getType()->isPointerTy() && nullable(A.get());
          }))
        fail(I, "reverse mode cannot pass this pointer on: its shadow may be missing at run "
                "time (it was read from memory that also holds pointers without derivatives, "
                "into enzyme_const data say, or enzyme_runtime_activity may find its shadow "
                "equal to its primal); give that data a zeroed shadow (enzyme_dup) instead, "
                "or request without enzyme_runtime_activity");
    }
}

Value *GradientBuilder::shadowOrScratch(Value *S, Value *Here, Type *Accessed) {
  if (!mayBeNullShadow(S))
    return Here;
  if (Value *P = adjoint::shadowOrScratch(B, Here, Accessed,
                                          Scratch[B.GetInsertBlock()->getParent()]))
    return P;
  fail(*cast<Instruction>(S), "reverse mode: an access of more than 256 bytes through a "
                              "shadow that may be null");
  return Here;
}

/// The shadow of an operand of a select or phi of pointers: its own, or a
/// zero shadow for a constant table chosen beside memory with a shadow.
Value *GradientBuilder::choiceShadow(Value *V) {
  if (Value *S = Shadow.lookup(V))
    return S;
  // No memory: no shadow memory either. Offsets from null (the end of an
  // empty std::vector, null + 0) stay offsets from null.
  if (isa<ConstantPointerNull>(V))
    return V;
  // Adjoints read from a constant table are dropped into a sink of its own.
  if (auto *C = dyn_cast<Constant>(V))
    return Set.shadowOfGlobalAddress(C, DerivativeSet::AdjointSinkLane,
                                     /*ZeroForConstants=*/true);
  // An address computed into a constant table: the same arithmetic on the
  // table's zero shadow.
  if (auto *G = dyn_cast<GetElementPtrInst>(V))
    if (Value *Base = choiceShadow(G->getPointerOperand())) {
      IRBuilder<> FB(G->getNextNode());
      SmallVector<Value *, 4> Idx(G->indices());
      Value *S = FB.CreateGEP(G->getSourceElementType(), Base, Idx, G->getName() + ".zero",
                              G->isInBounds());
      Shadow[G] = S;
      return S;
    }
  return nullptr;
}

SmallVector<BasicBlock *, 4> GradientBuilder::uniquePredecessors(BasicBlock *BB) {
  SmallVector<BasicBlock *, 4> Preds;
  for (BasicBlock *P : predecessors(BB))
    if (!is_contained(Preds, P))
      Preds.push_back(P);
  return Preds;
}

/// Plans the tape record of \p BB: the values its reverse block needs that
/// are not available there (its rules' operands and \p Extra), and the
/// predecessor it came from.
void GradientBuilder::planRecord(BasicBlock &BB, ArrayRef<Value *> Extra) {
  Record &R = Records[&BB];
  // Saves V, or plans to rebuild it from its operands when that is cheap.
  std::function<void(Value *)> need = [&](Value *V) {
    if (!V || !isa<Instruction>(V) || availableInReverse(V) || !V->getType()->isSized() ||
        is_contained(R.Values, V) || is_contained(R.Recomputed, V) ||
        is_contained(R.Counters, V) ||
        any_of(R.HandedIn, [&](auto &H) { return H.first == V; }))
      return;
    auto *I = cast<Instruction>(V);
    // An induction variable of a counted loop around BB: from the count.
    if (auto *P = dyn_cast<PHINode>(I); P && Counters.contains(P) &&
                                        Counters.find(P)->second.Loop->L->contains(&BB)) {
      R.Counters.push_back(P);
      return;
    }
    if (isCheapToRecompute(I, 0) || isCheaperToRebuild(*I, R)) {
      for (Value *Op : I->operands())
        need(Op);
      R.Recomputed.push_back(I); // after its operands: a valid order to rebuild
      return;
    }
    if (Loop *L = handOffLoop(*I, BB)) {
      R.HandedIn.push_back({V, handOffSlot(L, V)});
      return;
    }
    R.Values.push_back(V);
  };
  SmallVector<Value *, 4> Needs;
  for (Instruction &I : BB) {
    if (isa<PHINode>(I) || I.isTerminator() || !hasReverse(I))
      continue;
    Needs.clear();
    reverseNeeds(I, Needs);
    for (Value *V : Needs)
      need(V);
  }
  for (Value *V : Extra)
    need(V);
  // An allocation by an invoke (C++ new in a try region at -O0) ends the
  // block before; its result exists from here on, so its reverse is here.
  if (InvokeInst *II = invokeAllocationBefore(BB)) {
    Needs.clear();
    allocationNeeds(*II, Needs);
    for (Value *V : Needs)
      need(V);
  }
  SmallVector<BasicBlock *, 4> Preds = uniquePredecessors(&BB);
  // A counted loop's header: the reverse pass knows the way in from the
  // iteration it is at.
  CountedLoop *C = countedLoopOf(&BB);
  if (Preds.size() > 1 && !(C && C->L->getHeader() == &BB)) {
    IRBuilder<> FB(&BB, BB.begin());
    PHINode *CameFrom = FB.CreatePHI(FB.getInt32Ty(), Preds.size(), "came.from");
    for (BasicBlock *P : predecessors(&BB))
      CameFrom->addIncoming(FB.getInt32(find(Preds, P) - Preds.begin()), P);
    R.CameFrom = CameFrom;
    // A join outside loops that dominates the return runs once: its
    // reverse reads the choice directly.
    if (!availableInReverse(CameFrom))
      R.Values.push_back(CameFrom);
  }
  if (R.Values.empty())
    return;
  const DataLayout &DL = F.getDataLayout();
  for (Value *V : R.Values) {
    uint64_t Align = std::min<uint64_t>(DL.getABITypeAlign(V->getType()).value(), 8);
    R.Bytes = alignTo(R.Bytes, Align);
    R.Offsets.push_back(R.Bytes);
    R.Bytes += DL.getTypeAllocSize(V->getType());
  }
  R.Bytes = alignTo(R.Bytes, 8); // keeps every record 8-aligned on the tape
}

void GradientBuilder::emitRecord(BasicBlock &BB) {
  Record &R = Records[&BB];
  if (printPerf() && (R.Bytes || !R.Recomputed.empty() || !R.Counters.empty()))
    explainRecord(BB, R);
  if (!R.Bytes)
    return;
  B.SetInsertPoint(BB.getTerminator());
  Value *At = countedLoopOf(&BB) ? recordAddress(BB, /*Forward=*/true) : TheTape.push(B, R.Bytes);
  for (auto [V, Off] : zip(R.Values, R.Offsets))
    B.CreateAlignedStore(V, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, Off), Align(1));
}

/// The forward values the reverse of \p I reads. For rule entries this is
/// found by building the partials once in a scratch block and seeing which
/// primal values the partials of active operands use (fadd: none; fmul: the
/// other operand; exp: the result), so the tape holds no more than that.
void GradientBuilder::reverseNeeds(Instruction &I, SmallVectorImpl<Value *> &Needs) {
  if (auto *S = dyn_cast<StoreInst>(&I)) {
    Needs.push_back(Shadow.lookup(S->getPointerOperand()));
    return;
  }
  if (auto *MS = dyn_cast<MemSetInst>(&I)) {
    Needs.push_back(Shadow.lookup(MS->getRawDest()));
    Needs.push_back(MS->getLength());
    return;
  }
  if (auto *MT = dyn_cast<MemTransferInst>(&I)) {
    Needs.push_back(Shadow.lookup(MT->getRawDest()));
    Needs.push_back(Shadow.lookup(MT->getRawSource()));
    Needs.push_back(MT->getLength());
    return;
  }
  if (auto *L = dyn_cast<LoadInst>(&I)) {
    Needs.push_back(Shadow.lookup(L->getPointerOperand()));
    return;
  }
  if (auto *CB = dyn_cast<CallBase>(&I); CB && allocationHasReverse(*CB))
    return allocationNeeds(*CB, Needs);
  if (auto *CB = dyn_cast<CallBase>(&I); CB && LateFrees.contains(CB))
    return lateFreeNeeds(*CB, Needs);
  if (auto *CI = dyn_cast<CallInst>(&I); CI && CallPlans.contains(CI)) {
    CallPlan &P = CallPlans.find(CI)->second;
    for (auto [K, A] : enumerate(CI->args())) {
      Needs.push_back(A);
      if (P.Activity[K] == GradientActivity::Duplicated)
        Needs.push_back(Shadow.lookup(A));
    }
    Needs.push_back(P.Tape);
    return;
  }
  if (auto *II = dyn_cast<IntrinsicInst>(&I);
      II && (II->getIntrinsicID() == Intrinsic::masked_load ||
             II->getIntrinsicID() == Intrinsic::masked_store)) {
    MaskedAccess M = maskedAccess(*II);
    Needs.push_back(Shadow.lookup(M.Pointer));
    Needs.push_back(M.Mask);
    return;
  }
  if (auto *S = dyn_cast<SelectInst>(&I)) {
    Needs.push_back(S->getCondition());
    return;
  }
  if (isa<ExtractElementInst>(I) || isa<InsertElementInst>(I)) {
    Needs.push_back(I.getOperand(isa<ExtractElementInst>(I) ? 1 : 2));
    return;
  }
  const Rule *R = isa<CallInst>(I) ? findCallRule(cast<CallInst>(I)) : findInstructionRule(I);
  if (!R || R->Kind != RuleKind::Smooth)
    return; // casts, shuffles, aggregates, piecewise constants: no values
  SmallVector<Value *, 3> Ops(isa<CallInst>(I) ? cast<CallInst>(I).args()
                                                : I.operands());
  BasicBlock *Scratch = BasicBlock::Create(F.getContext(), "scratch", &F);
  IRBuilder<> SB(Scratch);
  SmallVector<Partial, 3> Partials;
  R->Partials(SB, PrimalSite{Ops, &I}, Partials);
  SmallVector<Value *, 8> Work;
  SmallPtrSet<Value *, 16> Seen;
  for (auto [K, P] : enumerate(Partials))
    if (P.Value && isActive(Ops[K]))
      Work.push_back(P.Value);
  while (!Work.empty()) {
    Value *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    if (auto *X = dyn_cast<Instruction>(V); X && X->getParent() == Scratch)
      append_range(Work, X->operands());
    else if (V == &I || is_contained(Ops, V))
      Needs.push_back(V);
  }
  for (Instruction &X : *Scratch)
    X.dropAllReferences();
  Scratch->eraseFromParent();
}

/// -adjoint-print-perf: which values a block saves, how many bytes per
/// execution, and why each could not be read directly in the reverse pass.
void GradientBuilder::explainRecord(BasicBlock &BB, const Record &R) {
  Loop *L = LI.getLoopFor(&BB);
  auto name = [](BasicBlock *X) {
    std::string S;
    raw_string_ostream OS(S);
    X->printAsOperand(OS, false);
    return S;
  };
  outs() << "adjoint: perf: " << F.getName() << ": block '" << name(&BB) << "' saves ";
  if (!R.Bytes)
    outs() << "nothing: its reverse rebuilds what it reads\n";
  else
    outs() << R.Bytes;
  if (!R.Bytes)
    ;
  else if (CountedLoop *C = countedLoopOf(&BB))
    outs() << " bytes per iteration, in an array indexed by the iteration of the loop at '"
           << name(C->L->getHeader()) << "' (depth " << L->getLoopDepth()
           << "), reserved at the entry of the loop at '" << name(C->Root->L->getHeader())
           << "' (trip counts known there)\n";
  else if (L)
    outs() << " bytes on the tape per execution (in a loop of depth " << L->getLoopDepth()
           << ", on the stack: " << NotCounted.lookup(L) << ")\n";
  else
    outs() << " bytes on the tape per execution\n";
  for (Value *V : R.Values) {
    outs() << "  ";
    V->printAsOperand(outs(), false);
    if (V == R.CameFrom) {
      outs() << ": which of " << pred_size(&BB)
             << " predecessors ran (the reverse pass goes back that way)\n";
      continue;
    }
    auto *I = cast<Instruction>(V);
    outs() << " = " << I->getOpcodeName();
    if (const DILocation *Loc = I->getDebugLoc().get())
      outs() << " at " << Loc->getFilename() << ":" << Loc->getLine();
    outs() << " (" << F.getDataLayout().getTypeAllocSize(V->getType()) << " bytes): ";
    if (LI.getLoopFor(I->getParent()))
      outs() << "defined in a loop, so each iteration has its own value\n";
    else
      outs() << "defined on a path that does not reach every return\n";
  }
  for (PHINode *P : R.Counters) {
    outs() << "  ";
    P->printAsOperand(outs(), false);
    outs() << " = phi: rebuilt from the iteration the reverse loop is at\n";
  }
  for (auto [V, Slot] : R.HandedIn) {
    outs() << "  ";
    V->printAsOperand(outs(), false);
    outs() << ": fixed while the loop runs, saved once by its exit block\n";
  }
  for (Instruction *I : R.Recomputed) {
    outs() << "  ";
    I->printAsOperand(outs(), false);
    outs() << " = " << I->getOpcodeName() << ": rebuilt in the reverse pass from its operands\n";
  }
}

// ---- reverse pass ------------------------------------------------------------------

/// The value an adjoint starts from: -0.0 in every float, the identity of
/// fadd (x + -0.0 is x for every x, +0.0 is not: -0.0 + +0.0 is +0.0), so
/// that the optimizer drops the first addition into each adjoint and turns
/// -0.0 + (-a) into fneg a.
static Constant *adjointZero(Type *T) {
  if (T->isFPOrFPVectorTy())
    return ConstantFP::getNegativeZero(T);
  if (auto *ST = dyn_cast<StructType>(T)) {
    SmallVector<Constant *, 4> Elements;
    for (Type *E : ST->elements())
      Elements.push_back(adjointZero(E));
    return ConstantStruct::get(ST, Elements);
  }
  if (auto *AT = dyn_cast<ArrayType>(T))
    return ConstantArray::get(
        AT, SmallVector<Constant *, 4>(AT->getNumElements(), adjointZero(AT->getElementType())));
  return Constant::getNullValue(T);
}

AllocaInst *GradientBuilder::slot(Value *V) {
  AllocaInst *&S = Slots[V];
  if (!S) {
    IRBuilder<> EB(&Rev.getEntryBlock(), Rev.getEntryBlock().begin());
    S = EB.CreateAlloca(V->getType(), nullptr, V->getName() + ".adj");
    EB.CreateStore(adjointZero(V->getType()), S);
  }
  return S;
}

Value *GradientBuilder::takeAdjoint(Value *V) {
  AllocaInst *S = slot(V);
  Value *A = B.CreateLoad(V->getType(), S);
  B.CreateStore(adjointZero(V->getType()), S);
  return A;
}

void GradientBuilder::addAdjoint(Value *V, Value *Delta) {
  if (isa<Constant>(V) || !Varied.isActive(V) || !isAdjointType(V->getType()))
    return;
  if (isa<Instruction>(V) && !Useful.contains(V))
    return;
  AllocaInst *S = slot(V);
  B.CreateStore(addValues(B, B.CreateLoad(V->getType(), S), Delta), S);
}

Value *GradientBuilder::primal(Value *V) {
  if (Value *L = Local.lookup(V))
    return L;
  if (!Split)
    return V;
  if (auto *A = dyn_cast<Argument>(V))
    return Rev.getArg(A->getArgNo());
  if (auto *I = dyn_cast<Instruction>(V); I && availableInReverse(I))
    return finalValue(I);
  return V; // not reachable from the reverse function: the verifier says so
}

Value *GradientBuilder::finalValue(Instruction *I) {
  LoadInst *&L = FinalLoads[I];
  if (!L) {
    IRBuilder<> EB(FinalRecordAt->getNextNode());
    L = EB.CreateAlignedLoad(I->getType(), FinalRecordAt, Align(1), I->getName() + ".final");
  }
  return L;
}

/// The split form's end of the forward pass: the final record (the values
/// the reverse function reads directly, those still in use), the tape
/// handed over, and the augmented result {tape, primal result}.
void GradientBuilder::finishSplit(ReturnInst *R) {
  const DataLayout &DL = F.getDataLayout();
  SmallVector<std::pair<Instruction *, uint64_t>, 8> Layout;
  uint64_t Bytes = 0;
  for (auto [I, L] : FinalLoads) {
    if (L->use_empty()) {
      L->eraseFromParent();
      continue;
    }
    Bytes = alignTo(Bytes, std::min<uint64_t>(DL.getABITypeAlign(I->getType()).value(), 8));
    Layout.push_back({I, Bytes});
    IRBuilder<> EB(L);
    L->setOperand(0, EB.CreateConstInBoundsGEP1_64(EB.getInt8Ty(), FinalRecordAt, Bytes));
    Bytes += DL.getTypeAllocSize(I->getType());
  }
  Bytes = alignTo(Bytes, 8);
  if (printPerf() && Bytes)
    outs() << "adjoint: perf: " << F.getName() << ": the final record holds " << Bytes
           << " bytes: values computed once that the reverse function reads\n";
  B.SetInsertPoint(FinalRecordAt);
  Value *Popped = Bytes ? TheTape.pop(B, Bytes) : PoisonValue::get(B.getPtrTy());
  FinalRecordAt->replaceAllUsesWith(Popped);
  FinalRecordAt->eraseFromParent();
  if (!R)
    return; // the forward pass never returns
  B.SetInsertPoint(R);
  if (Bytes) {
    Value *At = TheTape.push(B, Bytes);
    for (auto [I, Off] : Layout)
      B.CreateAlignedStore(I, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, Off), Align(1));
  }
  Value *Result = B.CreateInsertValue(PoisonValue::get(F.getReturnType()),
                                      TheTape.finishForward(B), 0);
  if (Value *V = R->getReturnValue())
    Result = B.CreateInsertValue(Result, V, 1);
  B.CreateRet(Result);
  R->eraseFromParent();
}

void GradientBuilder::reversePhis(BasicBlock &BB, Value *CameFrom) {
  SmallVector<BasicBlock *, 4> Preds = uniquePredecessors(&BB);
  for (PHINode &Phi : BB.phis()) {
    if (&Phi == Records[&BB].CameFrom || !isActive(&Phi))
      continue;
    Value *A = takeAdjoint(&Phi);
    for (auto [K, P] : enumerate(Preds)) {
      Value *In = Phi.getIncomingValueForBlock(P);
      Value *Delta = A;
      if (Preds.size() > 1)
        Delta = B.CreateSelect(B.CreateICmpEQ(CameFrom, B.getInt32(K)), A,
                               Constant::getNullValue(A->getType()));
      addAdjoint(In, Delta);
    }
  }
}

void GradientBuilder::reverseBlock(BasicBlock &BB) {
  BasicBlock *RB = ReverseOf[&BB];
  B.SetInsertPoint(RB);
  Local.clear();
  Record &R = Records[&BB];
  Value *CameFrom = nullptr;
  if (R.Bytes) {
    Value *At = countedLoopOf(&BB) ? recordAddress(BB, /*Forward=*/false) : TheTape.pop(B, R.Bytes);
    for (auto [V, Off] : zip(R.Values, R.Offsets))
      Local[V] = B.CreateAlignedLoad(V->getType(),
                                     B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, Off),
                                     Align(1), V->getName() + ".rev");
  }
  if (R.CameFrom)
    CameFrom = primal(R.CameFrom);
  else
    CameFrom = countedCameFrom(BB);
  for (PHINode *P : R.Counters)
    Local[P] = counterInReverse(*P);
  for (auto [V, Slot] : R.HandedIn)
    Local[V] = B.CreateLoad(V->getType(), Slot, V->getName() + ".handed");
  for (Instruction *I : R.Recomputed) {
    Instruction *Copy = I->clone();
    for (Use &Op : Copy->operands())
      Op.set(primal(Op.get()));
    B.Insert(Copy, I->getName() + ".rev");
    Local[I] = Copy;
  }
  handOffValues(BB); // before the counted loops read their trip counts
  enterCountedLoops(BB);
  SmallVector<Instruction *, 32> Body;
  for (Instruction &I : BB)
    if (!isa<PHINode>(I) && !I.isTerminator() && hasReverse(I))
      Body.push_back(&I);
  for (Instruction *I : reverse(Body)) {
    if (Failed)
      return;
    IRBuilderBase::FastMathFlagGuard KeepFlags(B);
    if (isa<FPMathOperator>(I))
      B.setFastMathFlags(I->getFastMathFlags());
    visit(*I);
  }
  reversePhis(BB, CameFrom);
  if (InvokeInst *II = invokeAllocationBefore(BB))
    reverseAllocation(*II);
  leaveCountedBlock(BB);
  SmallVector<BasicBlock *, 4> Preds = uniquePredecessors(&BB);
  if (Preds.empty())
    B.CreateBr(GradientReturn);
  else if (Preds.size() == 1)
    B.CreateBr(ReverseOf[Preds[0]]);
  else {
    SwitchInst *SI = B.CreateSwitch(CameFrom, ReverseOf[Preds[0]], Preds.size() - 1);
    for (unsigned K = 1; K < Preds.size(); ++K)
      SI->addCase(B.getInt32(K), ReverseOf[Preds[K]]);
  }
}

bool GradientBuilder::run() {
  ReversePostOrderTraversal<Function *> RPO(&F);
  for (BasicBlock *BB : RPO)
    Blocks.push_back(BB);
  for (BasicBlock *BB : Blocks)
    if (auto *R = dyn_cast<ReturnInst>(BB->getTerminator())) {
      assert(!Return && "reverse mode expects one return block");
      Return = R;
    }
  computeUseful();
  computeWrittenMemory();
  if (printActivity()) {
    outs() << "adjoint: useful values of " << F.getName() << "\n";
    for (BasicBlock *BB : Blocks)
      for (Instruction &I : *BB)
        if (isActive(&I))
          outs() << "  active " << I << "\n";
  }
  if (!checkSupported())
    return false;
  Nullable = Varied.nullableShadows(F, Key.NullShadows, Set.calleeSummariesFor(ShadowedMemory()));
  planCalls();
  planFrees();
  chooseLaneAccumulations();
  buildShadows();
  checkNullableShadowUses();
  mirrorPointerCopies();
  emitAugmentedCalls();
  if (Failed)
    return false;

  LLVMContext &Ctx = F.getContext();
  ReverseEntry = BasicBlock::Create(Ctx, "reverse.entry", &Rev);
  for (BasicBlock *BB : Blocks)
    ReverseOf[BB] = BasicBlock::Create(Ctx, "rev." + BB->getName(), &Rev);
  GradientReturn = BasicBlock::Create(Ctx, "gradient.return", &Rev);

  // Records: planned for every block (a counted loop's arrays are sized by
  // them), then emitted. The exit block of a loop with one exit edge hands
  // the reverse loop what its blocks read that is fixed while it runs (for
  // a counted root also its trip counts and where its arrays are): planned
  // after the loop's blocks, inner loops first.
  chooseCountedLoops();
  SmallVector<Loop *, 8> Handing;
  SmallPtrSet<BasicBlock *, 8> Exits;
  for (Loop *L : LI.getLoopsInPreorder())
    if (BasicBlock *Exit = handOffExit(L)) {
      Handing.push_back(L);
      Exits.insert(Exit);
    }
  for (BasicBlock *BB : Blocks)
    if (!Exits.contains(BB))
      planRecord(*BB);
  for (Loop *L : reverse(Handing)) {
    if (auto It = Counted.find(L); It != Counted.end() && It->second->Root == It->second.get())
      reserveLoopArrays(*It->second);
    SmallVector<Value *, 8> Extra;
    if (auto It = HandedValues.find(L); It != HandedValues.end())
      append_range(Extra, It->second);
    planRecord(*handOffExit(L), Extra);
  }
  for (BasicBlock *BB : Blocks)
    emitRecord(*BB);
  // The reverse pass starts by seeding the adjoint of the result: with 1
  // when combined, with the caller's seed when split.
  B.SetInsertPoint(ReverseEntry);
  if (Split) {
    for (Argument &A : F.args())
      Rev.getArg(A.getArgNo())->setName(A.getName());
    if (Rev.arg_size() == F.arg_size() + 2)
      Rev.getArg(F.arg_size())->setName("seed");
    Rev.getArg(Rev.arg_size() - 1)->setName("tape.in");
    TheTape.startReverse(B, Rev.getArg(Rev.arg_size() - 1));
    FinalRecordAt = cast<Instruction>(B.CreateFreeze(PoisonValue::get(B.getPtrTy()), "final"));
  }
  if (Value *V = Return ? Return->getReturnValue() : nullptr; V && isActive(V))
    addAdjoint(V, Split ? static_cast<Value *>(Rev.getArg(Rev.arg_size() - 2))
                        : ConstantFP::get(V->getType(), 1.0));
  B.CreateBr(Return ? ReverseOf[Return->getParent()] : GradientReturn);
  if (Return && !Split) {
    BranchInst::Create(ReverseEntry, Return->getIterator());
    Return->eraseFromParent();
  }
  for (BasicBlock *BB : Blocks) {
    reverseBlock(*BB);
    if (Failed)
      return false;
  }

  B.SetInsertPoint(GradientReturn);
  SmallVector<Value *, 4> Results;
  unsigned Next = 0;
  for (char C : Key.Activity) {
    if (C == GradientActivity::Active) {
      // + +0.0: an argument nothing flowed into gets +0.0, not the -0.0
      // adjoints start from.
      Type *T = F.getArg(Next)->getType();
      Results.push_back(addValues(B, B.CreateLoad(T, slot(F.getArg(Next))),
                                  Constant::getNullValue(T)));
    }
    Next += C == GradientActivity::Duplicated ? 2 : 1;
  }
  for (Value *S : HeapShadows)
    B.CreateCall(F.getParent()->getOrInsertFunction("free", B.getVoidTy(), B.getPtrTy()),
                 {primal(S)});
  freeLateBlocks();
  TheTape.free(B);
  if (Results.empty()) {
    B.CreateRetVoid();
  } else {
    Value *Agg = PoisonValue::get(Rev.getReturnType());
    for (auto [K, V] : enumerate(Results))
      Agg = B.CreateInsertValue(Agg, V, K);
    B.CreateRet(Agg);
  }
  if (Split)
    finishSplit(Return);
  finishCalls();
  removeMovedFrees();
  TheTape.inlinePushes();
  return !Failed;
}

} // namespace adjoint
