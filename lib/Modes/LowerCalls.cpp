//===- Modes/LowerCalls.cpp - library calls rewritten as plain IR ---------===//
//
/// \file
/// See LowerCalls.h. A complex value reaches these functions either as two
/// scalars (double _Complex: two double arguments, a {double, double}
/// result) or as one <2 x float>; `parts` and `pack` hide the difference.
//
//===----------------------------------------------------------------------===//
#include "Modes/LowerCalls.h"

#include "Rules/MathBuilder.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {
namespace {

enum class LoweringKind {
  None,
  SinCos,
  ComplexMul,
  ComplexDiv,
  ComplexAbs,
  ComplexArg,
  ComplexExp,
  ComplexLog,
  ComplexSqrt,
  ComplexPow,
  ComplexSin,
  ComplexCos,
  ComplexTan,
  ComplexSinh,
  ComplexCosh,
  ComplexTanh
};

/// C's complex functions (what std::complex<double> and <float> call) and
/// the helpers clang emits for complex arithmetic.
LoweringKind loweringOf(StringRef Name) {
  return StringSwitch<LoweringKind>(Name)
      .Cases("sincos", "sincosf", "sincosl", LoweringKind::SinCos)
      .Cases("__muldc3", "__mulsc3", LoweringKind::ComplexMul)
      .Cases("__divdc3", "__divsc3", LoweringKind::ComplexDiv)
      .Cases("cabs", "cabsf", LoweringKind::ComplexAbs)
      .Cases("carg", "cargf", LoweringKind::ComplexArg)
      .Cases("cexp", "cexpf", LoweringKind::ComplexExp)
      .Cases("clog", "clogf", LoweringKind::ComplexLog)
      .Cases("csqrt", "csqrtf", LoweringKind::ComplexSqrt)
      .Cases("cpow", "cpowf", LoweringKind::ComplexPow)
      .Cases("csin", "csinf", LoweringKind::ComplexSin)
      .Cases("ccos", "ccosf", LoweringKind::ComplexCos)
      .Cases("ctan", "ctanf", LoweringKind::ComplexTan)
      .Cases("csinh", "csinhf", LoweringKind::ComplexSinh)
      .Cases("ccosh", "ccoshf", LoweringKind::ComplexCosh)
      .Cases("ctanh", "ctanhf", LoweringKind::ComplexTanh)
      .Default(LoweringKind::None);
}

/// The scalar parts of the call's arguments, in order.
SmallVector<Value *, 4> parts(IRBuilder<> &B, CallBase &CB) {
  SmallVector<Value *, 4> P;
  for (Value *A : CB.args()) {
    if (auto *VT = dyn_cast<FixedVectorType>(A->getType())) {
      for (unsigned I = 0; I < VT->getNumElements(); ++I)
        P.push_back(B.CreateExtractElement(A, I));
    } else {
      P.push_back(A);
    }
  }
  return P;
}

/// A complex value of the call's result type from its two parts.
Value *pack(IRBuilder<> &B, Type *T, Value *Re, Value *Im) {
  if (isa<FixedVectorType>(T))
    return B.CreateInsertElement(B.CreateInsertElement(PoisonValue::get(T), Re, uint64_t(0)),
                                 Im, 1);
  return B.CreateInsertValue(B.CreateInsertValue(PoisonValue::get(T), Re, 0), Im, 1);
}

bool isComplexShape(CallBase &CB, unsigned Parts) {
  Type *T = CB.getType();
  bool ResultOk = T->isVoidTy() || T->isFloatingPointTy() ||
                  (isa<FixedVectorType>(T) && cast<FixedVectorType>(T)->getNumElements() == 2) ||
                  (isa<StructType>(T) && T->getStructNumElements() == 2);
  unsigned N = 0;
  for (Value *A : CB.args())
    N += isa<FixedVectorType>(A->getType())
             ? cast<FixedVectorType>(A->getType())->getNumElements()
             : (A->getType()->isFloatingPointTy() ? 1 : 100);
  return ResultOk && N == Parts;
}

/// exp(a + bi) as its real and imaginary parts.
std::pair<Value *, Value *> complexExp(IRBuilder<> &B, Value *A, Value *Bi) {
  Value *E = emitMath(B, "exp", A);
  return {B.CreateFMul(E, emitMath(B, "cos", Bi)), B.CreateFMul(E, emitMath(B, "sin", Bi))};
}

/// log(a + bi) = log hypot(a, b) + atan2(b, a) i, as its two parts.
std::pair<Value *, Value *> complexLog(IRBuilder<> &B, Value *A, Value *Bi) {
  return {emitMath(B, "log", emitMath(B, "hypot", A, Bi)), emitMath(B, "atan2", Bi, A)};
}

/// The value replacing \p CB, or null to keep it.
Value *lower(IRBuilder<> &B, CallBase &CB, LoweringKind Kind) {
  switch (Kind) {
  case LoweringKind::SinCos: {
    if (CB.arg_size() != 3)
      return nullptr;
    Value *X = CB.getArgOperand(0);
    B.CreateStore(emitMath(B, "sin", X), CB.getArgOperand(1));
    B.CreateStore(emitMath(B, "cos", X), CB.getArgOperand(2));
    return UndefValue::get(CB.getType()); // void
  }
  case LoweringKind::ComplexMul: {
    // (a + bi)(c + di) = (ac - bd) + (ad + bc)i
    if (!isComplexShape(CB, 4))
      return nullptr;
    auto P = parts(B, CB);
    Value *Re = B.CreateFSub(B.CreateFMul(P[0], P[2]), B.CreateFMul(P[1], P[3]));
    Value *Im = B.CreateFAdd(B.CreateFMul(P[0], P[3]), B.CreateFMul(P[1], P[2]));
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::ComplexDiv: {
    // (a + bi)/(c + di) = ((ac + bd) + (bc - ad)i) / (c^2 + d^2)
    if (!isComplexShape(CB, 4))
      return nullptr;
    auto P = parts(B, CB);
    Value *Den = B.CreateFAdd(B.CreateFMul(P[2], P[2]), B.CreateFMul(P[3], P[3]));
    Value *Re = B.CreateFAdd(B.CreateFMul(P[0], P[2]), B.CreateFMul(P[1], P[3]));
    Value *Im = B.CreateFSub(B.CreateFMul(P[1], P[2]), B.CreateFMul(P[0], P[3]));
    return pack(B, CB.getType(), B.CreateFDiv(Re, Den), B.CreateFDiv(Im, Den));
  }
  case LoweringKind::ComplexAbs: {
    // |a + bi| = hypot(a, b)
    if (!isComplexShape(CB, 2) || !CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    return emitMath(B, "hypot", P[0], P[1]);
  }
  case LoweringKind::ComplexArg: {
    // arg(a + bi) = atan2(b, a)
    if (!isComplexShape(CB, 2) || !CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    return emitMath(B, "atan2", P[1], P[0]);
  }
  case LoweringKind::ComplexExp: {
    // exp(a + bi) = e^a cos b + (e^a sin b)i
    if (!isComplexShape(CB, 2) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    auto [Re, Im] = complexExp(B, P[0], P[1]);
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::ComplexLog: {
    // log(a + bi) = log |z| + arg(z) i
    if (!isComplexShape(CB, 2) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    auto [Re, Im] = complexLog(B, P[0], P[1]);
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::ComplexPow: {
    // z^w = exp(w log z)
    if (!isComplexShape(CB, 4) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    auto [L, T] = complexLog(B, P[0], P[1]);
    Value *Re = B.CreateFSub(B.CreateFMul(P[2], L), B.CreateFMul(P[3], T));
    Value *Im = B.CreateFAdd(B.CreateFMul(P[2], T), B.CreateFMul(P[3], L));
    auto [ERe, EIm] = complexExp(B, Re, Im);
    return pack(B, CB.getType(), ERe, EIm);
  }
  case LoweringKind::ComplexSqrt: {
    // With s = sqrt((|z| + |a|) / 2), positive away from 0 (so that no
    // branch's derivative is infinite): a >= 0: s + b/(2s) i; a < 0:
    // |b|/(2s) + copysign(s, b) i.
    if (!isComplexShape(CB, 2) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    Value *A = P[0], *Bi = P[1];
    Value *AbsA = emitMath(B, "fabs", A);
    Value *S = emitMath(B, "sqrt", B.CreateFMul(B.CreateFAdd(emitMath(B, "hypot", A, Bi), AbsA),
                                                fpConst(A, 0.5)));
    Value *TwoS = B.CreateFAdd(S, S);
    Value *NonNegative = B.CreateFCmpOGE(A, fpConst(A, 0.0));
    Value *Re = B.CreateSelect(NonNegative, S, B.CreateFDiv(emitMath(B, "fabs", Bi), TwoS));
    Value *Im = B.CreateSelect(NonNegative, B.CreateFDiv(Bi, TwoS),
                               emitMath(B, "copysign", S, Bi));
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::ComplexSin:
  case LoweringKind::ComplexCos:
  case LoweringKind::ComplexSinh:
  case LoweringKind::ComplexCosh: {
    // sin z = sin a cosh b + (cos a sinh b)i;  cos z = cos a cosh b - (sin a sinh b)i;
    // sinh z = sinh a cos b + (cosh a sin b)i; cosh z = cosh a cos b + (sinh a sin b)i.
    if (!isComplexShape(CB, 2) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    Value *A = P[0], *Bi = P[1];
    Value *Re, *Im;
    if (Kind == LoweringKind::ComplexSin || Kind == LoweringKind::ComplexCos) {
      Value *SinA = emitMath(B, "sin", A), *CosA = emitMath(B, "cos", A);
      Value *CoshB = emitMath(B, "cosh", Bi), *SinhB = emitMath(B, "sinh", Bi);
      bool Sin = Kind == LoweringKind::ComplexSin;
      Re = B.CreateFMul(Sin ? SinA : CosA, CoshB);
      Im = B.CreateFMul(Sin ? CosA : B.CreateFNeg(SinA), SinhB);
    } else {
      Value *SinhA = emitMath(B, "sinh", A), *CoshA = emitMath(B, "cosh", A);
      Value *SinB = emitMath(B, "sin", Bi), *CosB = emitMath(B, "cos", Bi);
      bool Sinh = Kind == LoweringKind::ComplexSinh;
      Re = B.CreateFMul(Sinh ? SinhA : CoshA, CosB);
      Im = B.CreateFMul(Sinh ? CoshA : SinhA, SinB);
    }
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::ComplexTan:
  case LoweringKind::ComplexTanh: {
    // tan z = (sin 2a + (sinh 2b)i) / (cos 2a + cosh 2b);
    // tanh z = (sinh 2a + (sin 2b)i) / (cosh 2a + cos 2b).
    if (!isComplexShape(CB, 2) || CB.getType()->isFloatingPointTy())
      return nullptr;
    auto P = parts(B, CB);
    Value *A2 = B.CreateFAdd(P[0], P[0]), *B2 = B.CreateFAdd(P[1], P[1]);
    bool Tan = Kind == LoweringKind::ComplexTan;
    Value *Den = B.CreateFAdd(emitMath(B, Tan ? "cos" : "cosh", A2),
                              emitMath(B, Tan ? "cosh" : "cos", B2));
    Value *Re = B.CreateFDiv(emitMath(B, Tan ? "sin" : "sinh", A2), Den);
    Value *Im = B.CreateFDiv(emitMath(B, Tan ? "sinh" : "sin", B2), Den);
    return pack(B, CB.getType(), Re, Im);
  }
  case LoweringKind::None:
    break;
  }
  return nullptr;
}

} // namespace

bool lowerLibraryCalls(Function &F) {
  SmallVector<std::pair<CallBase *, LoweringKind>, 8> Work;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallInst>(&I))
      if (Function *Callee = CB->getCalledFunction(); Callee && Callee->isDeclaration())
        if (LoweringKind K = loweringOf(Callee->getName()); K != LoweringKind::None)
          Work.push_back({CB, K});
  bool Changed = false;
  for (auto [CB, Kind] : Work) {
    IRBuilder<> B(CB);
    if (Value *V = lower(B, *CB, Kind)) {
      if (!CB->getType()->isVoidTy())
        CB->replaceAllUsesWith(V);
      CB->eraseFromParent();
      Changed = true;
    }
  }
  return Changed;
}

bool lowerAllocationsForReverse(Function &F) {
  SmallVector<CallInst *, 4> Calls;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *CI = dyn_cast<CallInst>(&I))
        if (Function *Callee = CI->getCalledFunction();
            Callee && Callee->isDeclaration() &&
            ((Callee->getName() == "realloc" && CI->arg_size() == 2) ||
             (Callee->getName() == "posix_memalign" && CI->arg_size() == 3)))
          Calls.push_back(CI);
  Module &M = *F.getParent();
  for (CallInst *CI : Calls) {
    IRBuilder<> B(CI);
    Type *Ptr = B.getPtrTy(), *I64 = B.getInt64Ty();
    if (CI->getCalledFunction()->getName() == "realloc") {
      Value *Old = CI->getArgOperand(0), *Size = B.CreateZExtOrTrunc(CI->getArgOperand(1), I64);
      Value *New = B.CreateCall(M.getOrInsertFunction("malloc", Ptr, I64), {Size});
      Value *OldSize = B.CreateCall(M.getOrInsertFunction("malloc_usable_size", I64, Ptr), {Old});
      CallInst *Copy = B.CreateMemCpy(New, MaybeAlign(), Old, MaybeAlign(),
                                      B.CreateBinaryIntrinsic(Intrinsic::umin, OldSize, Size));
      // The old block is freed right after: nothing reads it again.
      Copy->setMetadata(MovedCopyMetadata, MDNode::get(M.getContext(), {}));
      B.CreateCall(M.getOrInsertFunction("free", B.getVoidTy(), Ptr), {Old});
      CI->replaceAllUsesWith(New);
    } else {
      Value *Align = B.CreateZExtOrTrunc(CI->getArgOperand(1), I64);
      Value *Size = B.CreateZExtOrTrunc(CI->getArgOperand(2), I64);
      Value *Rounded =
          B.CreateMul(B.CreateUDiv(B.CreateAdd(Size, B.CreateSub(Align, B.getInt64(1))), Align),
                      Align);
      Value *Block =
          B.CreateCall(M.getOrInsertFunction("aligned_alloc", Ptr, I64, I64), {Align, Rounded});
      B.CreateStore(Block, CI->getArgOperand(0));
      CI->replaceAllUsesWith(ConstantInt::get(CI->getType(), 0));
    }
    CI->eraseFromParent();
  }
  return !Calls.empty();
}

} // namespace adjoint
