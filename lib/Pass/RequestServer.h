//===- Pass/RequestServer.h - serving the requests of a module --*- C++ -*-===//
//
/// \file
/// Turns each parsed request into a call of the derivative it asks for:
/// passes the primal arguments and shadows (undoing C's argument
/// promotions), and converts the derivative's results to the type the user
/// declared for the entry point. A failed request is reported at its call
/// and replaced by poison, after the functions it generated are removed.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_PASS_REQUESTSERVER_H
#define ADJOINT_PASS_REQUESTSERVER_H

#include "Modes/DerivativeSet.h"
#include "Modes/ForwardMode.h"
#include "Modes/ReverseMode.h"
#include "llvm/IR/IRBuilder.h"

namespace adjoint {

class Diagnostics;
struct DiffRequest;

/// Serves the requests of one module.
class RequestServer {
public:
  RequestServer(llvm::Module &M, llvm::FunctionAnalysisManager &FAM, Diagnostics &Diags)
      : M(M), Diags(Diags), Derivatives(M, FAM, Diags), Forward(Derivatives),
        Reverse(Derivatives) {}

  void serve(llvm::CallInst &Call);
  const DerivativeSet &derivatives() const { return Derivatives; }
  DerivativeSet &derivatives() { return Derivatives; }
  void finish() { Derivatives.finish(); }

private:
  void serveForward(DiffRequest &Req);
  void serveReverse(DiffRequest &Req);
  void serveBatch(DiffRequest &Req);
  llvm::Value *runtimeShadow(llvm::IRBuilder<> &B, const DiffRequest &Req, llvm::Value *Primal,
                             llvm::Value *Shadow);
  void zeroShadowGlobals(llvm::IRBuilder<> &B, llvm::Function &Derivative);
  llvm::Value *passArgument(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Type *ParamTy);
  llvm::Value *convertResult(llvm::IRBuilder<> &B, llvm::ArrayRef<llvm::Value *> Values,
                             llvm::Type *To);
  void fail(llvm::CallInst &Call);
  void complete(DiffRequest &Req, llvm::IRBuilder<> &B, llvm::Value *Result);
  /// Generates every queued body, each by the mode that declared it.
  bool generatePending(llvm::CallInst &Call);

  llvm::Module &M;
  Diagnostics &Diags;
  DerivativeSet Derivatives;
  ForwardMode Forward;
  ReverseMode Reverse;
};

} // namespace adjoint

#endif
