//===- Modes/TangentValues.cpp - tangents of values and memory ------------===//
//
/// \file
/// TangentBuilder's visitors for arithmetic (through the rule table), casts,
/// vector and aggregate moves, and memory (shadows mirror primal memory:
/// a load reads the shadow, a store writes it).
//
//===----------------------------------------------------------------------===//
#include "Analysis/KnownFunctions.h"
#include "Modes/TangentBuilder.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {

void TangentBuilder::visitInstruction(Instruction &I) {
  // Integer arithmetic on memory (a counter, the tape's statistics) moves
  // no derivative; an exchange could move a float's bits, so it is not here.
  if (auto *RMW = dyn_cast<AtomicRMWInst>(&I);
      RMW && RMW->getType()->isIntegerTy() && RMW->getOperation() != AtomicRMWInst::Xchg)
    return;
  for (Value *Op : I.operands())
    if (hasTangent(Op)) {
      return fail(I, Twine("cannot differentiate the instruction '") + I.getOpcodeName() +
                         "': it is not supported yet");
    }
}

// ---- rules -------------------------------------------------------------------

Value *TangentBuilder::scaledTangent(const Partial &P, Value *T) {
  Value *Term = scaleByPartial(B, P.Value, T);
  if (!P.Reduces)
    return Term;
  // sum over lanes of partial * tangent; -0.0 is the neutral start.
  return B.CreateFAddReduce(ConstantFP::getNegativeZero(Term->getType()->getScalarType()),
                            Term);
}

void TangentBuilder::applyRule(const Rule &R, Instruction &I, ArrayRef<Value *> Args) {
  insertAfter(I);
  // Tangents keep the primal's fast-math flags (a reassociable sum stays one).
  IRBuilderBase::FastMathFlagGuard KeepFlags(B);
  if (isa<FPMathOperator>(I))
    B.setFastMathFlags(I.getFastMathFlags());
  Type *Ty = I.getType();
  Lanes L(Width, nullptr);
  if (R.Kind == RuleKind::Smooth) {
    SmallVector<Partial, 3> Partials;
    PrimalSite Site{Args, &I};
    R.Partials(B, Site, Partials);
    for (unsigned K = 0; K < Width; ++K)
      for (unsigned A = 0; A < Partials.size(); ++A) {
        if (!Partials[A].Value || !hasTangent(Args[A]))
          continue;
        Value *Term = scaledTangent(Partials[A], tangentOrZero(Args[A], K));
        L[K] = L[K] ? B.CreateFAdd(L[K], Term) : Term;
      }
  }
  for (unsigned K = 0; K < Width; ++K) {
    if (R.ResultElement >= 0 && Ty->isAggregateType()) {
      Value *Elem = L[K] ? L[K]
                         : Constant::getNullValue(Ty->getContainedType(R.ResultElement));
      L[K] = B.CreateInsertValue(Constant::getNullValue(Ty), Elem, R.ResultElement);
    } else if (!L[K]) {
      L[K] = Constant::getNullValue(Ty);
    }
  }
  setLanes(&I, L);
  if (R.ZeroOutArg >= 0 && unsigned(R.ZeroOutArg) < I.getNumOperands() - 1) {
    Value *Out = I.getOperand(R.ZeroOutArg);
    Type *OutTy = R.ZeroOutIsInt ? B.getInt32Ty() : Ty;
    if (Out->getType()->isPointerTy() && hasTangent(Out))
      for (unsigned K = 0; K < Width; ++K)
        B.CreateStore(Constant::getNullValue(OutTy), tangentOrZero(Out, K));
  }
}

void TangentBuilder::visitBinaryOperator(BinaryOperator &I) {
  if (!Activity.isActive(&I))
    return;
  if (const Rule *R = findInstructionRule(I))
    applyRule(*R, I, {I.getOperand(0), I.getOperand(1)});
}

void TangentBuilder::visitUnaryOperator(UnaryOperator &I) {
  if (!Activity.isActive(&I))
    return;
  if (const Rule *R = findInstructionRule(I))
    applyRule(*R, I, {I.getOperand(0)});
}

// ---- structure: the same operation on every lane ------------------------------

void TangentBuilder::visitCastInst(CastInst &I) {
  switch (I.getOpcode()) {
  case Instruction::FPExt:
  case Instruction::FPTrunc:
  case Instruction::BitCast:
  case Instruction::AddrSpaceCast:
    return mapLanes(I, [&](unsigned K) {
      return B.CreateCast(I.getOpcode(), tangentOrZero(I.getOperand(0), K), I.getType());
    });
  default:
    // Conversions to and from integers carry no derivative.
    return;
  }
}

void TangentBuilder::visitFreezeInst(FreezeInst &I) {
  mapLanes(I, [&](unsigned K) { return B.CreateFreeze(tangentOrZero(I.getOperand(0), K)); });
}

void TangentBuilder::visitExtractElementInst(ExtractElementInst &I) {
  mapLanes(I, [&](unsigned K) {
    return B.CreateExtractElement(tangentOrZero(I.getVectorOperand(), K), I.getIndexOperand());
  });
}

void TangentBuilder::visitInsertElementInst(InsertElementInst &I) {
  mapLanes(I, [&](unsigned K) {
    return B.CreateInsertElement(tangentOrZero(I.getOperand(0), K),
                                 tangentOrZero(I.getOperand(1), K), I.getOperand(2));
  });
}

void TangentBuilder::visitShuffleVectorInst(ShuffleVectorInst &I) {
  mapLanes(I, [&](unsigned K) {
    return B.CreateShuffleVector(tangentOrZero(I.getOperand(0), K),
                                 tangentOrZero(I.getOperand(1), K), I.getShuffleMask());
  });
}

void TangentBuilder::visitExtractValueInst(ExtractValueInst &I) {
  mapLanes(I, [&](unsigned K) {
    return B.CreateExtractValue(tangentOrZero(I.getAggregateOperand(), K), I.getIndices());
  });
}

void TangentBuilder::visitInsertValueInst(InsertValueInst &I) {
  mapLanes(I, [&](unsigned K) {
    return B.CreateInsertValue(tangentOrZero(I.getAggregateOperand(), K),
                               tangentOrZero(I.getInsertedValueOperand(), K), I.getIndices());
  });
}

void TangentBuilder::visitSelectInst(SelectInst &I) {
  if (!Activity.isActive(&I))
    return;
  if (!requireShadow(I, I.getTrueValue()) || !requireShadow(I, I.getFalseValue()))
    return;
  mapLanes(I, [&](unsigned K) {
    return B.CreateSelect(I.getCondition(), choiceShadow(I.getTrueValue(), K),
                          choiceShadow(I.getFalseValue(), K));
  });
}

// ---- memory ---------------------------------------------------------------------

Value *TangentBuilder::shadowOrScratch(Value *P, Type *Accessed, Instruction &At) {
  if (Value *S = adjoint::shadowOrScratch(B, P, Accessed, Scratch))
    return S;
  fail(At, "an access of more than 256 bytes through a shadow that may be null");
  return P;
}

void TangentBuilder::visitGetElementPtrInst(GetElementPtrInst &I) {
  if (!hasTangent(I.getPointerOperand()))
    return;
  mapLanes(I, [&](unsigned K) {
    SmallVector<Value *, 4> Indices(I.indices());
    Value *Base = tangentOrZero(I.getPointerOperand(), K);
    Value *S = B.CreateGEP(I.getSourceElementType(), Base, Indices, I.getName() + ".shadow",
                           I.isInBounds());
    // Null stays null: offsets from a null shadow are no address.
    if (Nullable.contains(&I))
      S = B.CreateSelect(B.CreateIsNull(Base), Constant::getNullValue(S->getType()), S);
    return S;
  });
}

void TangentBuilder::visitAllocaInst(AllocaInst &I) {
  // Every local gets a zeroed shadow; one that never holds a derivative is
  // removed again by the re-optimization.
  mapLanes(I, [&](unsigned K) { return createZeroedShadow(B, I); });
}

void TangentBuilder::visitLoadInst(LoadInst &I) {
  if (!hasTangent(I.getPointerOperand()))
    return;
  bool MayBeNull = Nullable.contains(I.getPointerOperand());
  mapLanes(I, [&](unsigned K) -> Value * {
    Value *P = tangentOrZero(I.getPointerOperand(), K);
    if (!MayBeNull)
      return B.CreateAlignedLoad(I.getType(), P, I.getAlign(), I.isVolatile(),
                                 I.getName() + ".tan");
    // Memory without derivatives: a zero tangent (a null shadow pointer).
    Value *L = B.CreateAlignedLoad(I.getType(), shadowOrScratch(P, I.getType(), I), I.getAlign(),
                                   I.isVolatile(), I.getName() + ".tan");
    return B.CreateSelect(B.CreateIsNull(P), Constant::getNullValue(I.getType()), L);
  });
}

void TangentBuilder::visitStoreInst(StoreInst &I) {
  Value *Ptr = I.getPointerOperand(), *V = I.getValueOperand();
  if (!hasTangent(Ptr)) {
    // Storing a derivative (or the address of memory holding derivatives)
    // where no shadow can hold it would lose it.
    Type *T = V->getType();
    if (hasTangent(V) && !isa<Constant>(V) && (T->isFPOrFPVectorTy() || T->isPtrOrPtrVectorTy()))
      fail(I, lostDerivativeMessage(Ptr));
    return;
  }
  insertAfter(I);
  for (unsigned K = 0; K < Width; ++K) {
    Value *P = tangentOrZero(Ptr, K);
    if (Nullable.contains(Ptr))
      P = shadowOrScratch(P, V->getType(), I);
    B.CreateAlignedStore(tangentOrZero(V, K), P, I.getAlign(), I.isVolatile());
  }
}

} // namespace adjoint
