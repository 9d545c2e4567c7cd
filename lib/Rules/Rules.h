//===- Rules/Rules.h - the derivative rule table ----------------*- C++ -*-===//
//
/// \file
/// One entry per differentiable primitive: float instructions, LLVM math
/// intrinsics and libm functions. An entry declares the partial derivative
/// of the result with respect to each operand, in terms of primal values.
/// Forward mode reads it as tangent(result) = sum_k partial_k * tangent_k;
/// reverse mode reads the same entry as adjoint_k += partial_k * adjoint.
/// Entries know nothing about control flow, shadows or tapes.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_RULES_RULES_H
#define ADJOINT_RULES_RULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/IRBuilder.h"

namespace llvm {
class CallBase;
class Instruction;
} // namespace llvm

namespace adjoint {

/// The primal values a rule is written in.
struct PrimalSite {
  llvm::ArrayRef<llvm::Value *> Args;
  /// The primal result (for aggregate results the whole aggregate; the
  /// rule's ResultElement says which element the partials describe).
  llvm::Value *Result;
};

/// The partial derivative of the result with respect to one operand.
struct Partial {
  /// Null when the operand is not differentiable (an integer exponent) or
  /// its partial is zero everywhere (copysign's sign operand).
  llvm::Value *Value = nullptr;
  /// False: elementwise (same shape as the operand and the result).
  /// True: the operand is a vector reduced to a scalar result, and the
  /// contribution is the sum over lanes of partial * tangent.
  bool Reduces = false;
};

using PartialsFn = void (*)(llvm::IRBuilderBase &B, const PrimalSite &Site,
                            llvm::SmallVectorImpl<Partial> &Partials);
/// For a Linear entry: the adjoint contribution to operand \p Operand of
/// the result's adjoint \p Adjoint (the transpose of the move \p Call, whose
/// types and constant operands it may read), or null when that operand
/// receives none.
using TransposeFn = llvm::Value *(*)(llvm::IRBuilderBase &B, const llvm::CallBase &Call,
                                     llvm::Value *Adjoint, unsigned Operand);

enum class RuleKind {
  Smooth,            ///< partials given by the entry's function
  PiecewiseConstant, ///< derivative zero wherever it exists (floor, round, ...)
  /// Moves values without arithmetic (vector.reverse, masked load/store):
  /// the tangent is the same operation on the tangents (pointers replaced
  /// by their shadows); its transpose is the inverse move.
  Linear,
};

struct Rule {
  llvm::StringLiteral Name;
  unsigned NumArgs;
  RuleKind Kind;
  PartialsFn Partials = nullptr;
  /// For aggregate results ({mantissa, exponent} of frexp): the element the
  /// partials describe; every other element has a zero derivative.
  int ResultElement = -1;
  /// A pointer argument the function writes a value through whose
  /// derivative is zero (the integral part of modf, the exponent of frexp);
  /// its shadow receives zeros. -1 when there is none.
  int ZeroOutArg = -1;
  bool ZeroOutIsInt = false; ///< that value is an i32 (else the result type)
  /// Linear entries: reverse mode's transpose. Masked loads and stores have
  /// none: they move values through memory, which reverse mode handles
  /// beside plain loads and stores.
  TransposeFn Transpose = nullptr;
};

/// partial * Seed, the product both modes form from an entry (forward: with a
/// tangent, reverse: with an adjoint); a partial of +1 or -1 (also as a
/// vector splat) costs no multiplication.
llvm::Value *scaleByPartial(llvm::IRBuilderBase &B, llvm::Value *Partial, llvm::Value *Seed);

/// The rule for a float instruction (fadd, fsub, fmul, fdiv, frem, fneg).
const Rule *findInstructionRule(const llvm::Instruction &I);
/// The rule for a call to an LLVM math intrinsic or a libm function
/// declared in the module (`sin`, `sinf`, `sinl`, `llvm.sin.*` share one),
/// or to a function declared to behave like one (FunctionLikeAttr).
const Rule *findCallRule(const llvm::CallBase &CB);

/// The function attribute naming the libm function a user's function
/// behaves like (`__enzyme_function_like` tables, Requests/Registrations.h).
constexpr const char *FunctionLikeAttr = "adjoint-function-like";

/// Whether the libm function \p Name (`log1p`, `expf`, ...) has a rule.
bool hasMathRule(llvm::StringRef Name);

} // namespace adjoint

#endif
