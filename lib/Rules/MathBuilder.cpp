//===- Rules/MathBuilder.cpp - emit math in any float type ----------------===//
//
/// \file
/// See MathBuilder.h. Intrinsics are preferred because LLVM vectorizes and
/// folds them; functions without one are called from libm by the name of
/// the operand's precision (`erf`, `erff`, `erfl`).
//
//===----------------------------------------------------------------------===//
#include "Rules/MathBuilder.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {

Value *fpConst(Value *Like, double C) { return ConstantFP::get(Like->getType(), C); }

static Intrinsic::ID mathIntrinsic(StringRef Name) {
  return StringSwitch<Intrinsic::ID>(Name)
      .Case("sin", Intrinsic::sin)
      .Case("cos", Intrinsic::cos)
      .Case("exp", Intrinsic::exp)
      .Case("exp2", Intrinsic::exp2)
      .Case("log", Intrinsic::log)
      .Case("log2", Intrinsic::log2)
      .Case("log10", Intrinsic::log10)
      .Case("sqrt", Intrinsic::sqrt)
      .Case("fabs", Intrinsic::fabs)
      .Case("pow", Intrinsic::pow)
      .Case("floor", Intrinsic::floor)
      .Case("trunc", Intrinsic::trunc)
      .Case("copysign", Intrinsic::copysign)
      .Default(Intrinsic::not_intrinsic);
}

/// The libm name for \p Base at the precision of \p T.
static std::string libmName(StringRef Base, Type *T) {
  if (T->isFloatTy())
    return (Base + "f").str();
  if (T->isX86_FP80Ty() || T->isFP128Ty())
    return (Base + "l").str();
  return Base.str();
}

/// Applies the scalar \p Fn lane by lane when \p X is a vector (libm
/// and the digamma helper have no vector forms).
template <typename ScalarFn>
static Value *perLane(IRBuilderBase &B, Value *X, Value *Y, ScalarFn Fn) {
  auto *VT = dyn_cast<FixedVectorType>(X->getType());
  if (!VT)
    return Fn(X, Y);
  Value *Out = PoisonValue::get(VT);
  for (unsigned I = 0; I < VT->getNumElements(); ++I) {
    Value *XI = B.CreateExtractElement(X, I);
    Value *YI = Y ? B.CreateExtractElement(Y, I) : nullptr;
    Out = B.CreateInsertElement(Out, Fn(XI, YI), I);
  }
  return Out;
}

static Value *callLibmScalar(IRBuilderBase &B, StringRef Base, Value *X, Value *Y) {
  Type *T = X->getType();
  Module &M = *B.GetInsertBlock()->getModule();
  SmallVector<Type *, 2> Params(Y ? 2 : 1, T);
  FunctionCallee F = M.getOrInsertFunction(libmName(Base, T), FunctionType::get(T, Params, false));
  if (auto *Fn = dyn_cast<Function>(F.getCallee()))
    Fn->setDoesNotThrow();
  return Y ? B.CreateCall(F, {X, Y}) : B.CreateCall(F, {X});
}

static Value *callLibm(IRBuilderBase &B, StringRef Base, Value *X, Value *Y) {
  return perLane(B, X, Y, [&](Value *XI, Value *YI) { return callLibmScalar(B, Base, XI, YI); });
}

Value *emitMath(IRBuilderBase &B, StringRef Name, Value *X, Value *Y) {
  Intrinsic::ID ID = mathIntrinsic(Name);
  if (ID == Intrinsic::not_intrinsic)
    return callLibm(B, Name, X, Y);
  if (Y)
    return B.CreateBinaryIntrinsic(ID, X, Y);
  return B.CreateUnaryIntrinsic(ID, X);
}

Value *emitLdexp(IRBuilderBase &B, Value *X, Value *E) {
  return B.CreateIntrinsic(Intrinsic::ldexp, {X->getType(), E->getType()}, {X, E});
}

/// double adjoint.digamma(double): shift x up to 10 with psi(x) = psi(x+1) -
/// 1/x, then the asymptotic series; NaN below -1e6 (the shift would be long)
/// and for NaN. Accurate to about 1e-13 relative.
static Function *getDigammaHelper(Module &M) {
  const char *Name = "adjoint.digamma";
  if (Function *F = M.getFunction(Name))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *D = Type::getDoubleTy(Ctx);
  auto *F = Function::Create(FunctionType::get(D, {D}, false), GlobalValue::InternalLinkage,
                             Name, M);
  F->setDoesNotThrow();
  F->setDoesNotAccessMemory();
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "shift", F);
  auto *Tail = BasicBlock::Create(Ctx, "series", F);
  auto *Bad = BasicBlock::Create(Ctx, "bad", F);
  IRBuilder<> B(Entry);
  Value *X = F->getArg(0);
  auto C = [&](double V) { return ConstantFP::get(D, V); };
  // Unordered compare: NaN takes the bad path too.
  B.CreateCondBr(B.CreateFCmpULT(X, C(-1e6)), Bad, Loop);
  B.SetInsertPoint(Bad);
  B.CreateRet(C(std::numeric_limits<double>::quiet_NaN()));

  B.SetInsertPoint(Loop);
  PHINode *XI = B.CreatePHI(D, 2, "x");
  PHINode *Acc = B.CreatePHI(D, 2, "acc");
  XI->addIncoming(X, Entry);
  Acc->addIncoming(C(0), Entry);
  Value *Small = B.CreateFCmpOLT(XI, C(10));
  Value *NextAcc = B.CreateFSub(Acc, B.CreateFDiv(C(1), XI));
  Value *NextX = B.CreateFAdd(XI, C(1));
  XI->addIncoming(NextX, Loop);
  Acc->addIncoming(NextAcc, Loop);
  B.CreateCondBr(Small, Loop, Tail);

  B.SetInsertPoint(Tail);
  PHINode *XT = B.CreatePHI(D, 1, "xt");
  PHINode *AT = B.CreatePHI(D, 1, "at");
  XT->addIncoming(XI, Loop);
  AT->addIncoming(Acc, Loop);
  Value *Inv = B.CreateFDiv(C(1), XT);
  Value *Inv2 = B.CreateFMul(Inv, Inv);
  // log x - 1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) - 1/(132x^10)
  Value *Poly = C(-1.0 / 132);
  for (double Coef : {1.0 / 240, -1.0 / 252, 1.0 / 120, -1.0 / 12})
    Poly = B.CreateFAdd(B.CreateFMul(Poly, Inv2), C(Coef));
  Poly = B.CreateFMul(Poly, Inv2);
  Value *R = B.CreateFSub(B.CreateUnaryIntrinsic(Intrinsic::log, XT), B.CreateFMul(C(0.5), Inv));
  R = B.CreateFAdd(B.CreateFAdd(R, Poly), AT);
  B.CreateRet(R);
  return F;
}

Value *emitDigamma(IRBuilderBase &B, Value *X) {
  Function *Helper = getDigammaHelper(*B.GetInsertBlock()->getModule());
  return perLane(B, X, nullptr, [&](Value *XI, Value *) -> Value * {
    Value *XD = B.CreateFPCast(XI, B.getDoubleTy());
    return B.CreateFPCast(B.CreateCall(Helper, {XD}), XI->getType());
  });
}

} // namespace adjoint
