//===- Rules/Rules.cpp - the derivative rule table ------------------------===//
//
/// \file
/// The entries. Each starts with its math; x, y, z are the operands and r
/// the primal result. Non-smooth points pick one side, stated per entry.
/// Lookup maps `sinf`/`sin`/`sinl` and `llvm.sin.*` to the same entry.
//
//===----------------------------------------------------------------------===//
#include "Rules/Rules.h"

#include "Rules/MathBuilder.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include <cmath>

using namespace llvm;

namespace adjoint {
namespace {

using B_t = IRBuilderBase;
using Parts = SmallVectorImpl<Partial>;

Value *arg(const PrimalSite &S, unsigned I) { return S.Args[I]; }
Value *sq(B_t &B, Value *X) { return B.CreateFMul(X, X); }
Value *recip(B_t &B, Value *X) { return B.CreateFDiv(fpConst(X, 1.0), X); }
Partial elem(Value *V) { return Partial{V, false}; }

/// select(cond, 0, v): guards a partial at a point where the formula gives
/// NaN but the true derivative contribution is zero.
Value *zeroIf(B_t &B, Value *Cond, Value *V) {
  return B.CreateSelect(Cond, fpConst(V, 0.0), V);
}

// ---- arithmetic instructions ---------------------------------------------

// d/dx (x + y) = 1, d/dy = 1
void fadd(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(fpConst(arg(S, 0), 1)));
  P.push_back(elem(fpConst(arg(S, 1), 1)));
}
// d/dx (x - y) = 1, d/dy = -1
void fsub(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(fpConst(arg(S, 0), 1)));
  P.push_back(elem(fpConst(arg(S, 1), -1)));
}
// d/dx (x * y) = y, d/dy = x
void fmul(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(arg(S, 1)));
  P.push_back(elem(arg(S, 0)));
}
// d/dx (x / y) = 1/y, d/dy = -(x/y)/y = -r/y
void fdiv(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(recip(B, arg(S, 1))));
  P.push_back(elem(B.CreateFNeg(B.CreateFDiv(S.Result, arg(S, 1)))));
}
// fmod(x, y) = x - y * trunc(x/y): d/dx = 1, d/dy = -trunc(x/y)
void fmod(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(fpConst(arg(S, 0), 1)));
  Value *Q = emitMath(B, "trunc", B.CreateFDiv(arg(S, 0), arg(S, 1)));
  P.push_back(elem(B.CreateFNeg(Q)));
}
// d/dx (-x) = -1
void fneg(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(fpConst(arg(S, 0), -1))); }

// ---- powers, exponentials, logarithms --------------------------------------

// d/dx sqrt(x) = 1 / (2 r)
void sqrt_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFDiv(fpConst(S.Result, 0.5), S.Result)));
}
// d/dx cbrt(x) = r / (3 x)
void cbrt(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFDiv(S.Result, B.CreateFMul(fpConst(arg(S, 0), 3), arg(S, 0)))));
}
// d/dx exp(x) = r
void exp_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(S.Result)); }
// d/dx exp2(x) = r ln 2
void exp2_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFMul(S.Result, fpConst(S.Result, M_LN2))));
}
// d/dx exp10(x) = r ln 10
void exp10_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFMul(S.Result, fpConst(S.Result, M_LN10))));
}
// d/dx expm1(x) = r + 1
void expm1_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFAdd(S.Result, fpConst(S.Result, 1))));
}
// d/dx log(x) = 1 / x
void log_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(recip(B, arg(S, 0)))); }
// d/dx log2(x) = 1 / (x ln 2)
void log2_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(recip(B, B.CreateFMul(arg(S, 0), fpConst(arg(S, 0), M_LN2)))));
}
// d/dx log10(x) = 1 / (x ln 10)
void log10_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(recip(B, B.CreateFMul(arg(S, 0), fpConst(arg(S, 0), M_LN10)))));
}
// d/dx log1p(x) = 1 / (1 + x)
void log1p_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(recip(B, B.CreateFAdd(arg(S, 0), fpConst(arg(S, 0), 1)))));
}
// d/dx pow(x, y) = y pow(x, y-1)   (0 when y = 0, also at x = 0)
// d/dy pow(x, y) = r log(x)        (0 when x = 0 and r = 0: the limit for y > 0)
void pow_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0), *Y = arg(S, 1);
  Value *DX = B.CreateFMul(Y, emitMath(B, "pow", X, B.CreateFSub(Y, fpConst(Y, 1))));
  P.push_back(elem(zeroIf(B, B.CreateFCmpOEQ(Y, fpConst(Y, 0)), DX)));
  Value *DY = B.CreateFMul(S.Result, emitMath(B, "log", X));
  P.push_back(elem(zeroIf(B, B.CreateFCmpOEQ(S.Result, fpConst(X, 0)), DY)));
}
// d/dx powi(x, n) = n powi(x, n-1); n is an integer (not differentiable)
void powi(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0), *N = arg(S, 1);
  Value *NM1 = B.CreateSub(N, ConstantInt::get(N->getType(), 1));
  Value *PowNM1 = B.CreateIntrinsic(Intrinsic::powi, {X->getType(), N->getType()}, {X, NM1});
  // The exponent is one integer even for a vector base: convert, then splat.
  Value *NF = B.CreateSIToFP(N, X->getType()->getScalarType());
  if (auto *VT = dyn_cast<VectorType>(X->getType()))
    NF = B.CreateVectorSplat(VT->getElementCount(), NF);
  P.push_back(elem(zeroIf(B, B.CreateFCmpOEQ(NF, fpConst(X, 0)), B.CreateFMul(NF, PowNM1))));
  P.push_back(Partial{});
}
// d/dx ldexp(x, e) = 2^e = ldexp(1, e); e is an integer (also scalbn, scalbln)
void ldexp_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *E = arg(S, 1);
  Type *I32 = B.getInt32Ty();
  if (auto *VT = dyn_cast<VectorType>(E->getType()))
    I32 = VectorType::get(I32, VT->getElementCount());
  P.push_back(elem(emitLdexp(B, fpConst(arg(S, 0), 1), B.CreateSExtOrTrunc(E, I32))));
  P.push_back(Partial{});
}
// modf(x, &i) = x - trunc(x): d/dx = 1; the integral part i has derivative 0
void modf_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(fpConst(arg(S, 0), 1))); }
// frexp(x) = {m, e} with x = m 2^e: d/dx m = 2^-e = ldexp(1, -e). The
// exponent is recomputed with llvm.frexp, so the libm form (with its out
// pointer) and the intrinsic form share this entry.
void frexp_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  Type *IntTy = B.getInt32Ty();
  if (auto *VT = dyn_cast<VectorType>(X->getType()))
    IntTy = VectorType::get(IntTy, VT->getElementCount());
  Value *Fr = B.CreateIntrinsic(Intrinsic::frexp, {X->getType(), IntTy}, {X});
  Value *Exp = B.CreateExtractValue(Fr, 1);
  P.push_back(elem(emitLdexp(B, fpConst(X, 1), B.CreateNeg(Exp))));
}

// ---- trigonometric and hyperbolic -----------------------------------------

// d/dx sin(x) = cos(x)
void sin_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(emitMath(B, "cos", arg(S, 0)))); }
// d/dx cos(x) = -sin(x)
void cos_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFNeg(emitMath(B, "sin", arg(S, 0)))));
}
// d/dx tan(x) = 1 + r^2
void tan_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFAdd(fpConst(S.Result, 1), sq(B, S.Result))));
}
// d/dx asin(x) = 1 / sqrt(1 - x^2)
void asin_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  P.push_back(elem(recip(B, emitMath(B, "sqrt", B.CreateFSub(fpConst(X, 1), sq(B, X))))));
}
// d/dx acos(x) = -1 / sqrt(1 - x^2)
void acos_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  Value *Root = emitMath(B, "sqrt", B.CreateFSub(fpConst(X, 1), sq(B, X)));
  P.push_back(elem(B.CreateFDiv(fpConst(X, -1), Root)));
}
// d/dx atan(x) = 1 / (1 + x^2)
void atan_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  P.push_back(elem(recip(B, B.CreateFAdd(fpConst(X, 1), sq(B, X)))));
}
// atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2)
void atan2_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *Y = arg(S, 0), *X = arg(S, 1);
  Value *R2 = B.CreateFAdd(sq(B, X), sq(B, Y));
  P.push_back(elem(B.CreateFDiv(X, R2)));
  P.push_back(elem(B.CreateFDiv(B.CreateFNeg(Y), R2)));
}
// d/dx sinh(x) = cosh(x)
void sinh_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(emitMath(B, "cosh", arg(S, 0)))); }
// d/dx cosh(x) = sinh(x)
void cosh_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(emitMath(B, "sinh", arg(S, 0)))); }
// d/dx tanh(x) = 1 - r^2
void tanh_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFSub(fpConst(S.Result, 1), sq(B, S.Result))));
}
// d/dx asinh(x) = 1 / sqrt(x^2 + 1)
void asinh_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  P.push_back(elem(recip(B, emitMath(B, "sqrt", B.CreateFAdd(sq(B, X), fpConst(X, 1))))));
}
// d/dx acosh(x) = 1 / sqrt(x^2 - 1)
void acosh_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  P.push_back(elem(recip(B, emitMath(B, "sqrt", B.CreateFSub(sq(B, X), fpConst(X, 1))))));
}
// d/dx atanh(x) = 1 / (1 - x^2)
void atanh_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  P.push_back(elem(recip(B, B.CreateFSub(fpConst(X, 1), sq(B, X)))));
}
// d/dx hypot(x, y) = x / r, d/dy = y / r   (0 at the origin)
void hypot_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *AtOrigin = B.CreateFCmpOEQ(S.Result, fpConst(S.Result, 0));
  P.push_back(elem(zeroIf(B, AtOrigin, B.CreateFDiv(arg(S, 0), S.Result))));
  P.push_back(elem(zeroIf(B, AtOrigin, B.CreateFDiv(arg(S, 1), S.Result))));
}

// ---- special functions -----------------------------------------------------

// d/dx erf(x) = 2/sqrt(pi) exp(-x^2)
void erf_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  Value *E = emitMath(B, "exp", B.CreateFNeg(sq(B, X)));
  P.push_back(elem(B.CreateFMul(fpConst(X, M_2_SQRTPI), E)));
}
// d/dx erfc(x) = -2/sqrt(pi) exp(-x^2)
void erfc_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0);
  Value *E = emitMath(B, "exp", B.CreateFNeg(sq(B, X)));
  P.push_back(elem(B.CreateFMul(fpConst(X, -M_2_SQRTPI), E)));
}
// d/dx lgamma(x) = digamma(x)
void lgamma_(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(emitDigamma(B, arg(S, 0)))); }
// d/dx tgamma(x) = r digamma(x)
void tgamma_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(B.CreateFMul(S.Result, emitDigamma(B, arg(S, 0)))));
}

// ---- sign, min/max, fused ---------------------------------------------------

// d/dx |x| = sign(x); at 0 the side of the zero's sign: +1 for +0, -1 for -0
void fabs_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(emitMath(B, "copysign", fpConst(arg(S, 0), 1), arg(S, 0))));
}
// copysign(x, y) = |x| sign(y): d/dx = sign(x) sign(y); y only gives a sign
void copysign_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *SX = emitMath(B, "copysign", fpConst(arg(S, 0), 1), arg(S, 0));
  Value *SY = emitMath(B, "copysign", fpConst(arg(S, 1), 1), arg(S, 1));
  P.push_back(elem(B.CreateFMul(SX, SY)));
  P.push_back(Partial{});
}
/// Partials of a selection between x and y: 1 for the operand chosen, 0 for
/// the other.
void choose(B_t &B, Value *PickX, const PrimalSite &S, Parts &P) {
  Value *One = fpConst(arg(S, 0), 1), *Zero = fpConst(arg(S, 0), 0);
  P.push_back(elem(B.CreateSelect(PickX, One, Zero)));
  P.push_back(elem(B.CreateSelect(PickX, Zero, One)));
}
// fmin(x, y): d/dx = [x <= y or y is NaN], d/dy = the rest; a tie picks x
void fmin_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0), *Y = arg(S, 1);
  choose(B, B.CreateOr(B.CreateFCmpOLE(X, Y), B.CreateFCmpUNO(Y, Y)), S, P);
}
// fmax(x, y): d/dx = [x >= y or y is NaN], d/dy = the rest; a tie picks x
void fmax_(B_t &B, const PrimalSite &S, Parts &P) {
  Value *X = arg(S, 0), *Y = arg(S, 1);
  choose(B, B.CreateOr(B.CreateFCmpOGE(X, Y), B.CreateFCmpUNO(Y, Y)), S, P);
}
// fma(x, y, z) = x y + z: d/dx = y, d/dy = x, d/dz = 1
void fma_(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(arg(S, 1)));
  P.push_back(elem(arg(S, 0)));
  P.push_back(elem(fpConst(arg(S, 2), 1)));
}
// d/dx canonicalize(x) = 1 (and arithmetic.fence)
void identity(B_t &B, const PrimalSite &S, Parts &P) { P.push_back(elem(fpConst(arg(S, 0), 1))); }

// ---- vector reductions -------------------------------------------------------

// reduce.fadd(s, v) = s + sum_i v_i: d/ds = 1, d/dv_i = 1
void reduceFAdd(B_t &B, const PrimalSite &S, Parts &P) {
  P.push_back(elem(fpConst(arg(S, 0), 1)));
  P.push_back(Partial{fpConst(arg(S, 1), 1), true});
}
// reduce.fmul(s, v) = s prod_i v_i: d/ds = prod_i v_i, d/dv_i = s prod_{j!=i} v_j
void reduceFMul(B_t &B, const PrimalSite &S, Parts &P) {
  Value *Start = arg(S, 0), *V = arg(S, 1);
  unsigned N = cast<FixedVectorType>(V->getType())->getNumElements();
  SmallVector<Value *, 16> Lanes;
  for (unsigned I = 0; I < N; ++I)
    Lanes.push_back(B.CreateExtractElement(V, I));
  // Prefix and suffix products avoid dividing by a lane that may be 0.
  SmallVector<Value *, 16> Prefix(N + 1), Suffix(N + 1);
  Prefix[0] = fpConst(Start, 1);
  Suffix[N] = fpConst(Start, 1);
  for (unsigned I = 0; I < N; ++I)
    Prefix[I + 1] = B.CreateFMul(Prefix[I], Lanes[I]);
  for (unsigned I = N; I > 0; --I)
    Suffix[I - 1] = B.CreateFMul(Suffix[I], Lanes[I - 1]);
  Value *DV = PoisonValue::get(V->getType());
  for (unsigned I = 0; I < N; ++I)
    DV = B.CreateInsertElement(DV, B.CreateFMul(Start, B.CreateFMul(Prefix[I], Suffix[I + 1])), I);
  P.push_back(elem(Prefix[N]));
  P.push_back(Partial{DV, true});
}
/// reduce.fmax / fmin(v): the partial is 1 in the first lane that equals the
/// result, 0 elsewhere.
void reduceSelectLane(B_t &B, const PrimalSite &S, Parts &P) {
  Value *V = arg(S, 0);
  unsigned N = cast<FixedVectorType>(V->getType())->getNumElements();
  Value *Found = B.getFalse();
  Value *DV = PoisonValue::get(V->getType());
  Value *One = fpConst(S.Result, 1), *Zero = fpConst(S.Result, 0);
  for (unsigned I = 0; I < N; ++I) {
    Value *Hit = B.CreateFCmpOEQ(B.CreateExtractElement(V, I), S.Result);
    Value *First = B.CreateAnd(Hit, B.CreateNot(Found));
    Found = B.CreateOr(Found, Hit);
    DV = B.CreateInsertElement(DV, B.CreateSelect(First, One, Zero), I);
  }
  P.push_back(Partial{DV, true});
}

// ---- lane moves: transposes ------------------------------------------------

// vector.reverse is its own inverse: the adjoint goes back reversed
Value *reverseTranspose(B_t &B, const CallBase &, Value *Adjoint, unsigned) {
  return B.CreateVectorReverse(Adjoint);
}

// sub = extract(v, i): adjoint(v) += zero with a at lanes i..
Value *extractTranspose(B_t &B, const CallBase &C, Value *Adjoint, unsigned Operand) {
  if (Operand != 0)
    return nullptr;
  Type *VT = C.getArgOperand(0)->getType();
  return B.CreateInsertVector(VT, Constant::getNullValue(VT), Adjoint, C.getArgOperand(1));
}

// r = insert(v, sub, i): adjoint(v) += a with lanes i.. cleared,
// adjoint(sub) += a[i..]
Value *insertTranspose(B_t &B, const CallBase &C, Value *Adjoint, unsigned Operand) {
  Type *SubT = C.getArgOperand(1)->getType();
  Value *Index = C.getArgOperand(2);
  if (Operand == 0)
    return B.CreateInsertVector(Adjoint->getType(), Adjoint, Constant::getNullValue(SubT), Index);
  if (Operand == 1)
    return B.CreateExtractVector(SubT, Adjoint, Index);
  return nullptr;
}

// c = interleave(a, b): a's lanes are c's even lanes, b's the odd ones
Value *interleaveTranspose(B_t &B, const CallBase &, Value *Adjoint, unsigned Operand) {
  Value *Halves =
      B.CreateIntrinsic(Intrinsic::vector_deinterleave2, {Adjoint->getType()}, {Adjoint});
  return B.CreateExtractValue(Halves, Operand);
}

// {a, b} = deinterleave(c): the inverse, interleave(adjoint(a), adjoint(b))
Value *deinterleaveTranspose(B_t &B, const CallBase &, Value *Adjoint, unsigned) {
  Value *A = B.CreateExtractValue(Adjoint, 0), *Bv = B.CreateExtractValue(Adjoint, 1);
  return B.CreateIntrinsic(Intrinsic::vector_interleave2,
                           {VectorType::getDoubleElementsVectorType(cast<VectorType>(A->getType()))},
                           {A, Bv});
}

const Rule Table[] = {
    // instructions
    {"fadd", 2, RuleKind::Smooth, fadd},
    {"fsub", 2, RuleKind::Smooth, fsub},
    {"fmul", 2, RuleKind::Smooth, fmul},
    {"fdiv", 2, RuleKind::Smooth, fdiv},
    {"frem", 2, RuleKind::Smooth, fmod},
    {"fneg", 1, RuleKind::Smooth, fneg},
    // powers, exponentials, logarithms
    {"sqrt", 1, RuleKind::Smooth, sqrt_},
    {"cbrt", 1, RuleKind::Smooth, cbrt},
    {"exp", 1, RuleKind::Smooth, exp_},
    {"exp2", 1, RuleKind::Smooth, exp2_},
    {"exp10", 1, RuleKind::Smooth, exp10_},
    {"expm1", 1, RuleKind::Smooth, expm1_},
    {"log", 1, RuleKind::Smooth, log_},
    {"log2", 1, RuleKind::Smooth, log2_},
    {"log10", 1, RuleKind::Smooth, log10_},
    {"log1p", 1, RuleKind::Smooth, log1p_},
    {"pow", 2, RuleKind::Smooth, pow_},
    {"powi", 2, RuleKind::Smooth, powi},
    {"ldexp", 2, RuleKind::Smooth, ldexp_},
    {"frexp", 1, RuleKind::Smooth, frexp_, /*ResultElement=*/0, /*ZeroOutArg=*/1, true},
    // llvm.modf (LLVM 22) returns {fraction, integral part}; libm's modf the fraction
    {"modf", 1, RuleKind::Smooth, modf_, /*ResultElement=*/0, /*ZeroOutArg=*/1, false},
    {"scalbn", 2, RuleKind::Smooth, ldexp_},
    {"scalbln", 2, RuleKind::Smooth, ldexp_},
    {"fmod", 2, RuleKind::Smooth, fmod},
    // trigonometric and hyperbolic
    {"sin", 1, RuleKind::Smooth, sin_},
    {"cos", 1, RuleKind::Smooth, cos_},
    {"tan", 1, RuleKind::Smooth, tan_},
    {"asin", 1, RuleKind::Smooth, asin_},
    {"acos", 1, RuleKind::Smooth, acos_},
    {"atan", 1, RuleKind::Smooth, atan_},
    {"atan2", 2, RuleKind::Smooth, atan2_},
    {"sinh", 1, RuleKind::Smooth, sinh_},
    {"cosh", 1, RuleKind::Smooth, cosh_},
    {"tanh", 1, RuleKind::Smooth, tanh_},
    {"asinh", 1, RuleKind::Smooth, asinh_},
    {"acosh", 1, RuleKind::Smooth, acosh_},
    {"atanh", 1, RuleKind::Smooth, atanh_},
    {"hypot", 2, RuleKind::Smooth, hypot_},
    // special functions
    {"erf", 1, RuleKind::Smooth, erf_},
    {"erfc", 1, RuleKind::Smooth, erfc_},
    {"lgamma", 1, RuleKind::Smooth, lgamma_},
    {"tgamma", 1, RuleKind::Smooth, tgamma_},
    // sign, min/max, fused
    {"fabs", 1, RuleKind::Smooth, fabs_},
    {"copysign", 2, RuleKind::Smooth, copysign_},
    {"fmin", 2, RuleKind::Smooth, fmin_},
    {"fmax", 2, RuleKind::Smooth, fmax_},
    {"fma", 3, RuleKind::Smooth, fma_},
    {"canonicalize", 1, RuleKind::Smooth, identity},
    {"arithmetic.fence", 1, RuleKind::Smooth, identity},
    // piecewise constant: derivative 0 wherever it exists
    {"floor", 1, RuleKind::PiecewiseConstant},
    {"ceil", 1, RuleKind::PiecewiseConstant},
    {"trunc", 1, RuleKind::PiecewiseConstant},
    {"round", 1, RuleKind::PiecewiseConstant},
    {"roundeven", 1, RuleKind::PiecewiseConstant},
    {"rint", 1, RuleKind::PiecewiseConstant},
    {"nearbyint", 1, RuleKind::PiecewiseConstant},
    // lane moves
    {"vector.reverse", 1, RuleKind::Linear, nullptr, -1, -1, false, reverseTranspose},
    {"vector.extract", 2, RuleKind::Linear, nullptr, -1, -1, false, extractTranspose},
    {"vector.insert", 3, RuleKind::Linear, nullptr, -1, -1, false, insertTranspose},
    {"vector.interleave2", 2, RuleKind::Linear, nullptr, -1, -1, false, interleaveTranspose},
    {"vector.deinterleave2", 1, RuleKind::Linear, nullptr, -1, -1, false,
     deinterleaveTranspose},
    // Three operands on LLVM 22, four on 19 (the alignment): see maskedAccess.
    {"masked.load", 3, RuleKind::Linear},
    {"masked.store", 3, RuleKind::Linear},
    {"threadlocal.address", 1, RuleKind::Linear},
    // vector reductions
    {"vector.reduce.fadd", 2, RuleKind::Smooth, reduceFAdd},
    {"vector.reduce.fmul", 2, RuleKind::Smooth, reduceFMul},
    {"vector.reduce.fmax", 1, RuleKind::Smooth, reduceSelectLane},
    {"vector.reduce.fmin", 1, RuleKind::Smooth, reduceSelectLane},
    {"vector.reduce.fmaximum", 1, RuleKind::Smooth, reduceSelectLane},
    {"vector.reduce.fminimum", 1, RuleKind::Smooth, reduceSelectLane},
};

const StringMap<const Rule *> &ruleIndex() {
  static const StringMap<const Rule *> Index = [] {
    StringMap<const Rule *> M;
    for (const Rule &R : Table)
      M[R.Name] = &R;
    return M;
  }();
  return Index;
}

const Rule *lookup(StringRef Name) {
  auto It = ruleIndex().find(Name);
  return It == ruleIndex().end() ? nullptr : It->second;
}

/// Intrinsic base names that differ from their libm names.
StringRef libmNameOfIntrinsic(StringRef Base) {
  if (Base == "maxnum" || Base == "maximum")
    return "fmax";
  if (Base == "minnum" || Base == "minimum")
    return "fmin";
  if (Base == "fmuladd")
    return "fma";
  return Base;
}

/// Whether \p T is the float type the libm suffix \p Suffix names.
bool suffixMatches(char Suffix, Type *T) {
  if (Suffix == 'f')
    return T->isFloatTy();
  return T->isX86_FP80Ty() || T->isFP128Ty();
}

} // namespace

static bool isConstantFP(Value *V, double C) {
  if (auto *CF = dyn_cast<ConstantFP>(V))
    return CF->isExactlyValue(C);
  if (auto *CV = dyn_cast<Constant>(V); CV && V->getType()->isVectorTy())
    if (auto *Splat = dyn_cast_or_null<ConstantFP>(CV->getSplatValue()))
      return Splat->isExactlyValue(C);
  return false;
}

Value *scaleByPartial(IRBuilderBase &B, Value *Partial, Value *Seed) {
  if (isConstantFP(Partial, 1.0))
    return Seed;
  if (isConstantFP(Partial, -1.0))
    return B.CreateFNeg(Seed);
  return B.CreateFMul(Partial, Seed);
}

const Rule *findInstructionRule(const Instruction &I) {
  if (!I.getType()->isFPOrFPVectorTy())
    return nullptr;
  switch (I.getOpcode()) {
  case Instruction::FAdd:
  case Instruction::FSub:
  case Instruction::FMul:
  case Instruction::FDiv:
  case Instruction::FRem:
  case Instruction::FNeg:
    return lookup(I.getOpcodeName());
  default:
    return nullptr;
  }
}

bool hasMathRule(StringRef Name) {
  StringRef Base = Name;
  return lookup(Name) || (Name.size() > 1 && (Base.consume_back("f") || Base.consume_back("l")) &&
                          lookup(Base));
}

const Rule *findCallRule(const CallBase &CB) {
  const Function *F = CB.getCalledFunction();
  // A user's function declared to behave like a libm one takes its rule.
  bool Like = F && F->hasFnAttribute(FunctionLikeAttr);
  if (!F || (!F->isDeclaration() && !Like))
    return nullptr;
  const Rule *R = nullptr;
  if (F->isIntrinsic()) {
    StringRef Base = Intrinsic::getBaseName(F->getIntrinsicID());
    Base.consume_front("llvm.");
    R = lookup(libmNameOfIntrinsic(Base));
  } else {
    StringRef Name =
        Like ? F->getFnAttribute(FunctionLikeAttr).getValueAsString() : F->getName();
    if (CB.arg_size() == 0)
      return nullptr;
    Type *T = CB.getArgOperand(0)->getType();
    if ((R = lookup(Name)) && !T->isDoubleTy())
      R = nullptr;
    if (!R && Name.size() > 1 && suffixMatches(Name.back(), T))
      R = lookup(Name.drop_back());
    if (R && (R->Name == "powi" || R->Name.starts_with("vector.") ||
              R->Name.starts_with("masked.")))
      R = nullptr;
  }
  // Operands past the entry's (frexp's exponent out-pointer) carry no
  // derivative.
  if (R && CB.arg_size() < R->NumArgs)
    return nullptr;
  return R;
}


} // namespace adjoint
