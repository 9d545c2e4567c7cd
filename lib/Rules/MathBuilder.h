//===- Rules/MathBuilder.h - emit math in any float type --------*- C++ -*-===//
//
/// \file
/// Helpers the rule entries use to write their formulas once for float,
/// double, x86_fp80 and vectors of them: constants of the operand's type,
/// and math functions emitted as LLVM intrinsics where one exists, else as
/// the libm call of the matching precision (scalarized for vectors).
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_RULES_MATHBUILDER_H
#define ADJOINT_RULES_MATHBUILDER_H

#include "llvm/IR/IRBuilder.h"

namespace adjoint {

/// The constant \p C in the type of \p Like (splat for vectors).
llvm::Value *fpConst(llvm::Value *Like, double C);
/// `Name(X)` or `Name(X, Y)` where Name is a libm base name ("cos", "exp",
/// "atan2"...): an intrinsic when LLVM has one, else a libm call.
llvm::Value *emitMath(llvm::IRBuilderBase &B, llvm::StringRef Name, llvm::Value *X,
                      llvm::Value *Y = nullptr);
/// ldexp(X, E) with an integer (or integer vector) exponent.
llvm::Value *emitLdexp(llvm::IRBuilderBase &B, llvm::Value *X, llvm::Value *E);
/// The digamma function psi(X) = d/dx log(gamma(x)), which libm lacks;
/// emitted as a helper function in the module.
llvm::Value *emitDigamma(llvm::IRBuilderBase &B, llvm::Value *X);

} // namespace adjoint

#endif
