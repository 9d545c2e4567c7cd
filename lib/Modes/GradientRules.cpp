//===- Modes/GradientRules.cpp - reverse rules per instruction family ---===//
//
/// \file
/// GradientBuilder's visitors: the reverse of each instruction family, the
/// transposes of the tangent rules in TangentValues.cpp and ForwardCalls.cpp.
/// Rule-table entries are read the same way forward mode reads them:
/// adjoint_k += partial_k * adjoint. The builder is in the reverse block.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"
#include "Support/LLVMCompat.h"

#include "Rules/Rules.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;

namespace adjoint {

// ---- reverse rules -------------------------------------------------------------------

void GradientBuilder::visitInstruction(Instruction &I) {
  fail(I, Twine("reverse mode cannot differentiate the instruction '") + I.getOpcodeName() +
              "' yet");
}

void GradientBuilder::reverseRule(const Rule &R, Instruction &I, ArrayRef<Value *> Ops) {
  Value *A = takeAdjoint(&I);
  if (R.Kind == RuleKind::PiecewiseConstant)
    return;
  if (R.Kind == RuleKind::Linear) {
    if (!R.Transpose)
      return fail(I, "reverse mode cannot differentiate '" + R.Name + "' yet");
    for (auto [K, Op] : enumerate(Ops))
      if (isActive(Op))
        if (Value *Delta = R.Transpose(B, cast<CallBase>(I), A, K))
          addAdjoint(Op, Delta);
    return;
  }
  SmallVector<Value *, 3> Args;
  for (Value *Op : Ops)
    Args.push_back(primal(Op));
  SmallVector<Partial, 3> Partials;
  BasicBlock *RB = B.GetInsertBlock();
  Instruction *Before = RB->empty() ? nullptr : &RB->back();
  R.Partials(B, PrimalSite{Args, primal(&I)}, Partials);
  SmallVector<Instruction *, 16> Built; // what the partials added, in order
  for (Instruction &X : make_range(Before ? std::next(Before->getIterator()) : RB->begin(),
                                   RB->end()))
    Built.push_back(&X);
  Value *G = A;
  if (R.ResultElement >= 0 && G->getType()->isAggregateType())
    G = B.CreateExtractValue(G, R.ResultElement);
  for (auto [K, P] : enumerate(Partials)) {
    if (!P.Value || !isActive(Ops[K]) || !isAdjointType(Ops[K]->getType()))
      continue;
    Value *Seed = G;
    if (P.Reduces)
      Seed = B.CreateVectorSplat(cast<VectorType>(P.Value->getType())->getElementCount(), G);
    addAdjoint(Ops[K], scaleByPartial(B, P.Value, Seed));
  }
  // Partials nobody used may read values the tape does not hold: remove
  // them (only what they built, never a value popped from the tape).
  for (Instruction *X : reverse(Built))
    if (X->use_empty() && isInstructionTriviallyDead(X))
      X->eraseFromParent();
}

void GradientBuilder::visitBinaryOperator(BinaryOperator &I) {
  if (const Rule *R = findInstructionRule(I))
    return reverseRule(*R, I, {I.getOperand(0), I.getOperand(1)});
  visitInstruction(I);
}

void GradientBuilder::visitUnaryOperator(UnaryOperator &I) {
  if (const Rule *R = findInstructionRule(I))
    return reverseRule(*R, I, {I.getOperand(0)});
  visitInstruction(I);
}

void GradientBuilder::visitStoreInst(StoreInst &I) {
  // adjoint(v) += shadow[p]; shadow[p] = 0
  Value *Sh = Shadow.lookup(I.getPointerOperand());
  Value *V = I.getValueOperand();
  Value *S = primal(Sh);
  if (mayBeNullShadow(Sh)) {
    // Memory without derivatives: nothing flows back from it.
    Value *Missing = B.CreateIsNull(S);
    S = shadowOrScratch(Sh, S, V->getType());
    Value *A = B.CreateAlignedLoad(V->getType(), S, I.getAlign());
    B.CreateAlignedStore(Constant::getNullValue(V->getType()), S, I.getAlign());
    addAdjoint(V, B.CreateSelect(Missing, Constant::getNullValue(V->getType()), A));
    return;
  }
  Value *A = B.CreateAlignedLoad(V->getType(), S, I.getAlign());
  B.CreateAlignedStore(Constant::getNullValue(V->getType()), S, I.getAlign());
  addAdjoint(V, A);
}

void GradientBuilder::visitCallInst(CallInst &I) {
  if (auto It = CallPlans.find(&I); It != CallPlans.end())
    return reverseCall(I, It->second);
  if (isAllocation(I))
    return reverseAllocation(I);
  if (LateFrees.contains(&I))
    return reverseLateFree(I);
  if (auto *MT = dyn_cast<MemTransferInst>(&I))
    return reverseCopy(*MT);
  if (auto *MS = dyn_cast<MemSetInst>(&I)) {
    // The bytes set are constants: the shadow they overwrite is cleared
    // (none when the shadow is null at run time).
    Value *S = Shadow.lookup(MS->getRawDest());
    Value *Len = primal(MS->getLength());
    if (mayBeNullShadow(S))
      Len = B.CreateSelect(B.CreateIsNull(primal(S)), Constant::getNullValue(Len->getType()), Len);
    B.CreateMemSet(primal(S), B.getInt8(0), Len, MS->getDestAlign());
    return;
  }
  if (I.getIntrinsicID() == Intrinsic::masked_load) {
    // Like a load, on the lanes the mask selects: they add their adjoint
    // into the shadow; the other lanes came from the pass-through value.
    MaskedAccess M = maskedAccess(cast<IntrinsicInst>(I));
    Value *A = takeAdjoint(&I), *Mask = primal(M.Mask);
    Value *Zero = Constant::getNullValue(A->getType());
    if (Value *S = Shadow.lookup(M.Pointer)) {
      S = primal(S);
      Value *Old = B.CreateMaskedLoad(A->getType(), S, M.Alignment, Mask, Zero);
      B.CreateMaskedStore(B.CreateFAdd(Old, A), S, M.Alignment, Mask);
    }
    addAdjoint(M.PassThru, B.CreateSelect(Mask, Zero, A));
    return;
  }
  if (I.getIntrinsicID() == Intrinsic::masked_store) {
    // Like a store, on the selected lanes: their shadow moves into the
    // stored value's adjoint and is cleared.
    MaskedAccess M = maskedAccess(cast<IntrinsicInst>(I));
    Value *V = M.Stored, *Mask = primal(M.Mask);
    Value *S = primal(Shadow.lookup(M.Pointer));
    Value *Zero = Constant::getNullValue(V->getType());
    Value *A = B.CreateMaskedLoad(V->getType(), S, M.Alignment, Mask, Zero);
    B.CreateMaskedStore(Zero, S, M.Alignment, Mask);
    addAdjoint(V, A);
    return;
  }
  if (const Rule *R = findCallRule(I)) {
    SmallVector<Value *, 3> Ops(I.args());
    return reverseRule(*R, I, Ops);
  }
  visitInstruction(I);
}

void GradientBuilder::visitCastInst(CastInst &I) {
  Value *A = takeAdjoint(&I);
  Type *From = I.getOperand(0)->getType();
  switch (I.getOpcode()) {
  case Instruction::FPExt:
  case Instruction::FPTrunc:
    return addAdjoint(I.getOperand(0), B.CreateFPCast(A, From));
  case Instruction::BitCast:
    if (isAdjointType(From))
      addAdjoint(I.getOperand(0), B.CreateBitCast(A, From));
    return;
  default:
    return; // from integers: no adjoint flows back
  }
}

void GradientBuilder::visitSelectInst(SelectInst &I) {
  // adjoint(t) += c ? a : 0,  adjoint(f) += c ? 0 : a
  Value *A = takeAdjoint(&I), *C = primal(I.getCondition());
  Value *Zero = Constant::getNullValue(A->getType());
  addAdjoint(I.getTrueValue(), B.CreateSelect(C, A, Zero));
  addAdjoint(I.getFalseValue(), B.CreateSelect(C, Zero, A));
}

void GradientBuilder::visitFreezeInst(FreezeInst &I) {
  addAdjoint(I.getOperand(0), takeAdjoint(&I));
}

void GradientBuilder::visitExtractElementInst(ExtractElementInst &I) {
  // adjoint(v)[i] += a
  Value *A = takeAdjoint(&I);
  Value *V = I.getVectorOperand();
  addAdjoint(V, B.CreateInsertElement(Constant::getNullValue(V->getType()), A,
                                      primal(I.getIndexOperand())));
}

void GradientBuilder::visitInsertElementInst(InsertElementInst &I) {
  // adjoint(v) += a with lane i cleared, adjoint(x) += a[i]
  Value *A = takeAdjoint(&I), *Idx = primal(I.getOperand(2));
  Value *Elt = I.getOperand(1);
  addAdjoint(I.getOperand(0),
             B.CreateInsertElement(A, Constant::getNullValue(Elt->getType()), Idx));
  addAdjoint(Elt, B.CreateExtractElement(A, Idx));
}

void GradientBuilder::visitShuffleVectorInst(ShuffleVectorInst &I) {
  // Each result lane came from one source lane: send its adjoint back there.
  Value *A = takeAdjoint(&I);
  Value *Ops[2] = {I.getOperand(0), I.getOperand(1)};
  unsigned N0 = cast<FixedVectorType>(Ops[0]->getType())->getNumElements();
  Value *Acc[2] = {Constant::getNullValue(Ops[0]->getType()),
                   Constant::getNullValue(Ops[1]->getType())};
  for (auto [Lane, M] : enumerate(I.getShuffleMask())) {
    if (M < 0)
      continue;
    unsigned Src = unsigned(M) >= N0, From = unsigned(M) - Src * N0;
    Value *Sum = B.CreateFAdd(B.CreateExtractElement(Acc[Src], From),
                              B.CreateExtractElement(A, Lane));
    Acc[Src] = B.CreateInsertElement(Acc[Src], Sum, From);
  }
  addAdjoint(Ops[0], Acc[0]);
  addAdjoint(Ops[1], Acc[1]);
}

void GradientBuilder::visitExtractValueInst(ExtractValueInst &I) {
  Value *A = takeAdjoint(&I), *Agg = I.getAggregateOperand();
  addAdjoint(Agg, B.CreateInsertValue(Constant::getNullValue(Agg->getType()), A, I.getIndices()));
}

void GradientBuilder::visitInsertValueInst(InsertValueInst &I) {
  Value *A = takeAdjoint(&I), *Elt = I.getInsertedValueOperand();
  addAdjoint(I.getAggregateOperand(),
             B.CreateInsertValue(A, Constant::getNullValue(Elt->getType()), I.getIndices()));
  addAdjoint(Elt, B.CreateExtractValue(A, I.getIndices()));
}

/// A vectorized stencil reads a[k-1], a[k] and a[k+1] as vectors; in the
/// reverse loop, the adjoint added into a[k-1..k] by one iteration is read
/// back, as part of other vectors, one or two iterations later. A vector
/// load that partly overlaps a vector store just before it cannot take its
/// value from the store buffer and waits for the store to reach the cache:
/// every iteration stalls (twice the time of the same reverse loop on
/// scalars). So the adjoint of a vector load that reads memory less than
/// four vectors away from another vector load, at an offset that is not a
/// whole number of vectors, goes into the shadow lane by lane, which
/// forwards.
///
/// The re-optimization packs neighbouring scalar shadow updates into vectors
/// (SLP), which makes gradients with many independent updates much faster
/// (gmm 3.9 -> 2.5 x primal) but creates the same overlapping vectors when
/// the reverse loop updates the shadow of one element in several nearby
/// iterations (a scalar stencil: a[k-1], a[k], a[k+1]). Such a gradient,
/// or one with lane-by-lane accumulations, is marked adjoint-no-slp.
void GradientBuilder::chooseLaneAccumulations() {
  DenseMap<const Value *, SmallVector<LoadInst *, 8>> ByObject;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      if (auto *L = dyn_cast<LoadInst>(&I);
          L && L->getType()->isFPOrFPVectorTy() && isActive(L))
        ByObject[getUnderlyingObject(L->getPointerOperand())].push_back(L);
  if (ByObject.empty())
    return;
  ScalarEvolution &SE = scalarEvolution();
  const DataLayout &DL = F.getDataLayout();
  for (auto &[Obj, Loads] : ByObject) {
    if (Loads.size() < 2 || Loads.size() > 64)
      continue;
    for (auto [N, A] : enumerate(Loads))
      for (LoadInst *L : ArrayRef(Loads).drop_front(N + 1)) {
        int64_t Bytes = DL.getTypeStoreSize(A->getType());
        if (Bytes != int64_t(DL.getTypeStoreSize(L->getType())))
          continue;
        const SCEV *PA = SE.getSCEV(A->getPointerOperand());
        auto *D = dyn_cast<SCEVConstant>(SE.getMinusSCEV(PA, SE.getSCEV(L->getPointerOperand())));
        if (!D)
          continue;
        int64_t Diff = std::abs(D->getAPInt().getSExtValue());
        if (isa<FixedVectorType>(A->getType()) && Diff % Bytes != 0 && Diff < 4 * Bytes) {
          LaneAccumulated.insert(A);
          LaneAccumulated.insert(L);
        }
        // The same element again 1 to 3 iterations later.
        if (auto *AR = dyn_cast<SCEVAddRecExpr>(PA))
          if (auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE))) {
            int64_t S = std::abs(Step->getAPInt().getSExtValue());
            if (S != 0 && Diff != 0 && Diff % S == 0 && Diff / S <= 3)
              Rev.addFnAttr("adjoint-no-slp");
          }
      }
  }
  if (!LaneAccumulated.empty())
    Rev.addFnAttr("adjoint-no-slp");
}

void GradientBuilder::visitLoadInst(LoadInst &I) {
  // The load's adjoint accumulates into the shadow it read from.
  Value *A = takeAdjoint(&I);
  Value *S = Shadow.lookup(I.getPointerOperand());
  if (!S)
    return fail(I, "reverse mode: this load has no shadow to accumulate into");
  S = shadowOrScratch(S, primal(S), I.getType());
  if (LaneAccumulated.contains(&I)) {
    auto *VT = cast<FixedVectorType>(I.getType());
    Type *E = VT->getElementType();
    Align EltAlign = commonAlignment(I.getAlign(), F.getDataLayout().getTypeStoreSize(E));
    for (unsigned Lane = 0; Lane < VT->getNumElements(); ++Lane) {
      Value *P = B.CreateConstInBoundsGEP1_64(E, S, Lane);
      Value *Old = B.CreateAlignedLoad(E, P, EltAlign);
      B.CreateAlignedStore(B.CreateFAdd(Old, B.CreateExtractElement(A, Lane)), P, EltAlign);
    }
    return;
  }
  Value *Old = B.CreateAlignedLoad(I.getType(), S, I.getAlign());
  B.CreateAlignedStore(addValues(B, Old, A), S, I.getAlign());
}

} // namespace adjoint
