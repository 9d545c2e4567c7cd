//===- Pass/RequestServer.cpp - serving the requests of a module ----------===//
//
/// \file
/// See RequestServer.h.
//
//===----------------------------------------------------------------------===//
#include "Pass/RequestServer.h"

#include "Modes/GradientBuilder.h"
#include "Requests/DiffRequest.h"
#include "Support/Diagnostics.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace adjoint {

static std::string typeName(Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  T->print(OS);
  return S;
}

/// Whether the memory \p Ptr points into is only ever written: a local
/// whose every use (through address arithmetic) is a store into it.
static bool isWriteOnlyMemory(Value *Ptr, const Instruction *Except) {
  auto *Slot = dyn_cast<AllocaInst>(getUnderlyingObject(Ptr));
  if (!Slot)
    return false;
  SmallVector<Value *, 8> Work{Slot};
  while (!Work.empty()) {
    Value *P = Work.pop_back_val();
    for (User *U : P->users()) {
      if (U == Except || isa<LifetimeIntrinsic>(U))
        continue;
      if (isa<GetElementPtrInst>(U) || isa<BitCastInst>(U)) {
        Work.push_back(U);
        continue;
      }
      auto *S = dyn_cast<StoreInst>(U);
      if (!S || S->getPointerOperand() != P)
        return false;
    }
  }
  return true;
}

/// Whether the program reads the request's result. At -O0 an unused struct
/// result is still stored (whole or field by field) into a temporary that
/// nothing reads.
static bool resultIsUsed(const DiffRequest &Req) {
  CallInst &Call = *Req.Call;
  if (Req.ResultPtr)
    return !isWriteOnlyMemory(Req.ResultPtr, &Call);
  SmallVector<Value *, 4> Work{&Call};
  while (!Work.empty()) {
    Value *V = Work.pop_back_val();
    for (User *U : V->users()) {
      if (isa<ExtractValueInst>(U)) {
        Work.push_back(U);
        continue;
      }
      auto *S = dyn_cast<StoreInst>(U);
      if (!S || S->getValueOperand() != V || !isWriteOnlyMemory(S->getPointerOperand(), nullptr))
        return true;
    }
  }
  return false;
}

/// Zeroes the shadows of globals that \p Derivative uses, before a request
/// starts it: at a request, nothing has a derivative yet but its arguments.
void RequestServer::zeroShadowGlobals(IRBuilder<> &B, Function &Derivative) {
  const DataLayout &DL = M.getDataLayout();
  for (GlobalVariable *S : Derivatives.shadowGlobalsReachedFrom(Derivative)) {
    Type *T = S->getValueType();
    if (T->isSingleValueType())
      B.CreateAlignedStore(Constant::getNullValue(T), S, S->getAlign().valueOrOne());
    else
      B.CreateMemSet(S, B.getInt8(0), DL.getTypeAllocSize(T), S->getAlign());
  }
}

/// Hands the request's result (null when unused) to the program and
/// removes the request.
void RequestServer::complete(DiffRequest &Req, IRBuilder<> &B, Value *Result) {
  CallInst &Call = *Req.Call;
  if (Result && Req.ResultPtr)
    B.CreateStore(Result, Req.ResultPtr);
  else if (Result)
    Call.replaceAllUsesWith(Result);
  if (!Call.getType()->isVoidTy())
    Call.replaceAllUsesWith(PoisonValue::get(Call.getType()));
  Call.eraseFromParent();
}

bool RequestServer::generatePending(CallInst &Call) {
  bool Done = Derivatives.generatePending([&](Function &F) {
    return Derivatives.keyOf(&F).Kind == DerivativeKind::Tangent ? Forward.generateBody(F)
                                                                 : Reverse.generateBody(F);
  });
  for (const std::string &Problem : Derivatives.takeShadowProblems()) {
    Diags.error(Call, Problem);
    Done = false;
  }
  return Done;
}

void RequestServer::fail(CallInst &Call) {
  if (!Call.getType()->isVoidTy())
    Call.replaceAllUsesWith(PoisonValue::get(Call.getType()));
  Call.eraseFromParent();
}

void RequestServer::serve(CallInst &Call) {
  StringRef Name = requestEntryOf(Call)->getName();
  if (isTypeHint(Name)) {
    Call.eraseFromParent();
    return;
  }
  if (isVirtualReverse(Name)) {
    // The shadow of a function pointer. A call through a pointer is
    // differentiated by what the primal pointer points to (IndirectCalls.h),
    // so the shadow is never called: the function itself serves.
    if (Call.arg_size() != 1 || !Call.getArgOperand(0)->getType()->isPointerTy() ||
        !Call.getType()->isPointerTy()) {
      Diags.error(Call, "__enzyme_virtualreverse takes a function pointer and returns its "
                        "shadow: declare it `void *__enzyme_virtualreverse(void *)`");
      return fail(Call);
    }
    Call.replaceAllUsesWith(Call.getArgOperand(0));
    Call.eraseFromParent();
    return;
  }
  std::optional<DiffModeKind> Mode = requestModeOf(Name);
  if (!Mode) {
    Diags.error(Call, "'" + demangle(Name) +
                          "' is not supported yet: without it the program would be wrong, so "
                          "it is an error; this version of Adjoint implements __enzyme_fwddiff, "
                          "__enzyme_autodiff, __enzyme_augmentfwd, __enzyme_reverse, "
                          "__enzyme_augmentsize, __enzyme_batch and __enzyme_virtualreverse (and the type hints __enzyme_float, "
                          "__enzyme_double, __enzyme_integer and __enzyme_pointer, which "
                          "change nothing)");
    return fail(Call);
  }
  if (*Mode == DiffModeKind::ReverseTapeSize) {
    // The tape's handle is all the caller holds, whatever the function.
    if (!requestedFunction(Call) || !Call.getType()->isIntegerTy()) {
      Diags.error(Call, "__enzyme_augmentsize takes the function (and its markers) and returns "
                        "an integer: declare it e.g. `long __enzyme_augmentsize(void *, ...)`");
      return fail(Call);
    }
    Call.replaceAllUsesWith(ConstantInt::get(Call.getType(), CallerTapeBytes));
    Call.eraseFromParent();
    return;
  }
  std::optional<DiffRequest> Req = parseRequest(Call, *Mode, Diags);
  if (!Req)
    return fail(Call);
  if (*Mode == DiffModeKind::Forward)
    serveForward(*Req);
  else if (*Mode == DiffModeKind::Batch)
    serveBatch(*Req);
  else
    serveReverse(*Req);
}

/// __enzyme_batch: the function once per lane, its results returned as the
/// declared aggregate of N (the calls sit side by side, where the
/// optimizer's SLP vectorizer can pack them once inlined).
void RequestServer::serveBatch(DiffRequest &Req) {
  CallInst &Call = *Req.Call;
  Function &F = *Req.Fn;
  IRBuilder<> B(&Call);
  SmallVector<Value *, 8> Results;
  for (unsigned K = 0; K < Req.Width; ++K) {
    SmallVector<Value *, 8> Args;
    for (auto [I, A] : enumerate(Req.Args))
      Args.push_back(passArgument(B, K == 0 || A.Shadows.empty() ? A.Primal : A.Shadows[K - 1],
                                  F.getArg(I)->getType()));
    CallInst *Lane = B.CreateCall(&F, Args);
    Lane->setCallingConv(F.getCallingConv());
    Lane->setDebugLoc(Call.getDebugLoc());
    if (!F.getReturnType()->isVoidTy())
      Results.push_back(Lane);
  }
  if (Results.empty() || !resultIsUsed(Req))
    return complete(Req, B, nullptr);
  Value *Result = convertResult(B, Results, Req.ResultType);
  if (!Result) {
    Diags.error(Call, "__enzyme_batch is declared to return " + typeName(Req.ResultType) +
                          " but gives " + Twine(Req.Width) + " values of type " +
                          typeName(F.getReturnType()) +
                          "; declare it to return a struct or array of them, one per lane");
    return fail(Call);
  }
  complete(Req, B, Result);
}

Value *RequestServer::passArgument(IRBuilder<> &B, Value *V, Type *ParamTy) {
  if (V->getType() == ParamTy)
    return V;
  if (V->getType()->isFloatingPointTy())
    return B.CreateFPTrunc(V, ParamTy); // undo the promotion of float to double
  return B.CreateTrunc(V, ParamTy);     // undo the promotion of small integers
}

/// Converts the N results of a derivative (tangent lanes, or the adjoints
/// of the active arguments) to the type the user declared for the entry
/// point: the value itself (or another float width) for N = 1; an array,
/// vector or struct of N values; otherwise a type with the same layout as
/// the N values in a row, filled through memory (what the C ABI does to
/// small structs, e.g. three floats returned as {<2 x float>, float}).
Value *RequestServer::convertResult(IRBuilder<> &B, ArrayRef<Value *> Values, Type *To) {
  auto convertOne = [&](Value *V, Type *T) -> Value * {
    if (V->getType() == T)
      return V;
    if (V->getType()->isFloatingPointTy() && T->isFloatingPointTy())
      return B.CreateFPCast(V, T);
    return nullptr;
  };
  unsigned N = Values.size();
  if (N == 1)
    if (Value *V = convertOne(Values[0], To))
      return V;
  unsigned ToElements = 0;
  if (auto *AT = dyn_cast<ArrayType>(To))
    ToElements = AT->getNumElements();
  else if (auto *VT = dyn_cast<FixedVectorType>(To))
    ToElements = VT->getNumElements();
  else if (auto *ST = dyn_cast<StructType>(To))
    ToElements = ST->getNumElements();
  auto elementOf = [&](unsigned K) {
    return isa<StructType>(To)  ? To->getStructElementType(K)
           : isa<ArrayType>(To) ? To->getArrayElementType()
                                : cast<VectorType>(To)->getElementType();
  };
  const DataLayout &DL = M.getDataLayout();
  if (N > 1 && ToElements == N) {
    auto Fits = [&](auto Pred) {
      return all_of(seq(0u, N),
                    [&](unsigned K) { return Pred(Values[K]->getType(), elementOf(K)); });
    };
    if (Fits([](Type *T, Type *Elem) {
          return T == Elem || (T->isFloatingPointTy() && Elem->isFloatingPointTy());
        })) {
      Value *Agg = PoisonValue::get(To);
      for (unsigned K = 0; K < N; ++K) {
        Value *V = convertOne(Values[K], elementOf(K));
        Agg = isa<FixedVectorType>(To) ? B.CreateInsertElement(Agg, V, K)
                                       : B.CreateInsertValue(Agg, V, K);
      }
      return Agg;
    }
    // Untyped bytes (rustc's `[32 x i8]` for an [f64; 4] returned in
    // memory, declared `{[4 x double], [4 x double]}`) become the declared
    // elements of their size, through memory below; other types do not.
    if (!Fits([&](Type *T, Type *Elem) {
          auto *AT = dyn_cast<ArrayType>(T);
          return AT && AT->getElementType()->isIntegerTy(8) && Elem->isSized() &&
                 DL.getTypeAllocSize(Elem) == DL.getTypeAllocSize(T);
        }))
      return nullptr;
  }
  // Through memory: the declared type must hold the values laid out as a
  // struct of them, up to its own tail padding.
  SmallVector<Type *, 4> Types;
  for (Value *V : Values)
    Types.push_back(V->getType());
  const StructLayout *Layout = DL.getStructLayout(StructType::get(M.getContext(), Types));
  uint64_t Size = Layout->getSizeInBytes();
  uint64_t ToSize = To->isSized() ? DL.getTypeAllocSize(To).getFixedValue() : 0;
  if (ToSize >= Size && ToSize < Size + DL.getABITypeAlign(To).value()) {
    Function *F = B.GetInsertBlock()->getParent();
    IRBuilder<> Entry(&F->getEntryBlock(), F->getEntryBlock().begin());
    AllocaInst *Slot = Entry.CreateAlloca(To, nullptr, "derivative.result");
    for (unsigned K = 0; K < N; ++K)
      B.CreateStore(Values[K], B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Slot,
                                                             Layout->getElementOffset(K)));
    return B.CreateLoad(To, Slot);
  }
  return nullptr;
}

void RequestServer::serveForward(DiffRequest &Req) {
  CallInst &Call = *Req.Call;
  Function &F = *Req.Fn;
  SmallVector<bool, 8> Mask;
  for (RequestArg &A : Req.Args)
    Mask.push_back(A.isDuplicated());
  size_t Mark = Derivatives.size();
  Function *Tangent =
      Forward.getTangentFunction(F, Mask, Req.Width, nullptr, &Call, Req.RuntimeActivity);
  if (!generatePending(Call)) {
    Derivatives.discardSince(Mark);
    return fail(Call);
  }

  IRBuilder<> B(&Call);
  IRBuilder<> Entry(&*Call.getFunction()->getEntryBlock().getFirstInsertionPt());
  const DataLayout &DL = M.getDataLayout();
  SmallVector<Value *, 16> Args;
  SmallVector<Value *, 4> ResultShadows; // of a struct returned in memory
  Type *SlotTy = nullptr;
  for (auto [I, A] : enumerate(Req.Args)) {
    Argument *Param = F.getArg(I);
    Type *ParamTy = Param->getType();
    if (A.IsResultSlot) {
      // Memory for the primal result and zeroed memory for its tangents.
      SlotTy = Param->getParamStructRetType();
      Args.push_back(Entry.CreateAlloca(SlotTy, nullptr, "result"));
      for (unsigned K = 0; K < Req.Width; ++K) {
        AllocaInst *S = Entry.CreateAlloca(SlotTy, nullptr, "result.tangent");
        B.CreateMemSet(S, B.getInt8(0), DL.getTypeAllocSize(SlotTy), S->getAlign());
        Args.push_back(S);
        ResultShadows.push_back(S);
      }
      continue;
    }
    Args.push_back(passArgument(B, A.Primal, ParamTy));
    if (!A.isDuplicated())
      continue;
    for (unsigned K = 0; K < Req.Width; ++K) {
      if (A.ShadowStride) {
        Value *Offset = B.CreateMul(B.CreateSExtOrTrunc(A.ShadowStride, B.getInt64Ty()),
                                    B.getInt64(K));
        Args.push_back(B.CreateGEP(B.getInt8Ty(), A.Shadows[0], Offset));
      } else {
        Args.push_back(runtimeShadow(B, Req, Args[Args.size() - 1 - K],
                                     passArgument(B, A.Shadows[K], ParamTy)));
      }
    }
  }
  zeroShadowGlobals(B, *Tangent);
  CallInst *New = B.CreateCall(Tangent, Args);
  New->setDebugLoc(Call.getDebugLoc());

  bool WantsResult = resultIsUsed(Req);
  if (WantsResult) {
    // enzyme_primal_return: f's own result first.
    SmallVector<Value *, 4> Lanes;
    // enzyme_const_return: no tangents, only the primal (when asked for).
    unsigned TangentLanes = Req.ConstReturn ? 0 : Req.Width;
    if (Req.ConstReturn && !Req.PrimalReturn) {
      Diags.error(Call, "the result of this request is used, but enzyme_const_return says '" +
                            F.getName() + "''s result has no tangent; add "
                            "enzyme_primal_return to get its value, or drop the marker");
      return fail(Call);
    }
    if (SlotTy) {
      if (Req.PrimalReturn)
        Lanes.push_back(B.CreateLoad(SlotTy, Args[0]));
      for (Value *S : ArrayRef(ResultShadows).take_front(TangentLanes))
        Lanes.push_back(B.CreateLoad(SlotTy, S));
    } else if (ForwardMode::returnsTangent(F.getReturnType())) {
      for (unsigned K = Req.PrimalReturn ? 0 : 1; K <= TangentLanes; ++K)
        Lanes.push_back(B.CreateExtractValue(New, K));
    } else {
      Diags.error(Call, "'" + F.getName() + "' returns " + typeName(F.getReturnType()) +
                            ", which carries no derivative, but the result of this request "
                            "is used; read the derivatives from the output shadows instead");
      return fail(Call);
    }
    Value *Result = convertResult(B, Lanes, Req.ResultType);
    if (!Result) {
      Diags.error(Call, "the request is declared to return " + typeName(Req.ResultType) +
                            " but the derivative of '" + F.getName() + "' is " +
                            (Req.Width > 1 ? Twine(Req.Width) + " values of type " : Twine()) +
                            typeName(Lanes[0]->getType()) +
                            "; declare the entry point to return that type (in batch "
                            "mode, a struct or array of N of them)");
      return fail(Call);
    }
    return complete(Req, B, Result);
  }
  complete(Req, B, nullptr);
}

/// \p Shadow as the derivative takes it: with enzyme_runtime_activity, a
/// pointer's shadow that is the primal \p Primal itself means the argument
/// is inactive, and the derivative (built for shadows that may be null)
/// gets null, which carries nothing.
Value *RequestServer::runtimeShadow(IRBuilder<> &B, const DiffRequest &Req, Value *Primal,
                                    Value *Shadow) {
  if (!Req.RuntimeActivity || !Shadow->getType()->isPointerTy())
    return Shadow;
  return B.CreateSelect(B.CreateICmpEQ(Shadow, Primal),
                        ConstantPointerNull::get(cast<PointerType>(Shadow->getType())), Shadow,
                        "runtime.shadow");
}

/// Reverse mode (combined): the gradient function returns the adjoints of
/// the active scalar arguments; shadows of duplicated pointers accumulate.
void RequestServer::serveReverse(DiffRequest &Req) {
  CallInst &Call = *Req.Call;
  Function &F = *Req.Fn;
  if (Req.Width != 1) {
    Diags.error(Call, "batch reverse mode (enzyme_width) is not supported yet");
    return fail(Call);
  }
  Type *Ret = F.getReturnType();
  bool ReturnsStructInMemory = any_of(Req.Args, [](const RequestArg &A) { return A.IsResultSlot; });
  if (ReturnsStructInMemory ||
      (!Ret->isVoidTy() && !Ret->isFloatingPointTy() && ForwardMode::returnsTangent(Ret))) {
    Diags.error(Call, "'" + F.getName() + "' returns " +
                          (ReturnsStructInMemory ? "a struct"
                                                 : "a struct or vector (" + typeName(Ret) + ")") +
                          "; reverse mode seeds a scalar float result (or none) in this "
                          "version: return one float, or write results through a pointer");
    return fail(Call);
  }
  std::string Activity;
  for (auto [I, A] : enumerate(Req.Args)) {
    Type *T = F.getArg(I)->getType();
    if (A.isDuplicated() && (!T->isPointerTy() || A.IsResultSlot || A.ShadowStride)) {
      Diags.error(Call, "argument " + Twine(I + 1) + " of '" + F.getName() +
                            "' is duplicated, which in reverse mode needs a pointer (with its "
                            "shadow); mark a float argument enzyme_out to get its derivative");
      return fail(Call);
    }
    Activity.push_back(A.Activity == ActivityKind::Out ? GradientActivity::Active
                       : A.isDuplicated()              ? GradientActivity::Duplicated
                                                       : GradientActivity::Const);
  }
  if (Req.Mode == DiffModeKind::ReverseAugmented && !Req.TapeBuffer) {
    if (!Req.ResultType->isPointerTy() && tapeFieldOfPair(Req.ResultType, Ret) < 0) {
      Diags.error(Call, "__enzyme_augmentfwd returns the tape: declare it to return void * (or "
                        "a struct of the tape and '" + F.getName() + "''s " + typeName(Ret) +
                        " result); it is declared to return " + typeName(Req.ResultType));
      return fail(Call);
    }
  }
  size_t Mark = Derivatives.size();
  // Combined: the gradient. Split: the augmented forward function (returns
  // the tape, and f's result) or the reverse function (takes the seed of
  // f's result and the tape).
  Function *Gradient = nullptr;
  // enzyme_primal_return: the augmented forward function gives f's result,
  // the reverse function (seeded with 1) the adjoints.
  ReverseMode::SplitFunctions PrimalAndReverse{nullptr, nullptr};
  // Both go through the split functions: the first to get f's result, the
  // second to seed that result with 0 instead of 1.
  // Runtime activity too: the pair is what takes shadows that may be null.
  bool Split = Req.PrimalReturn || Req.ConstReturn ||
               (Req.RuntimeActivity && Req.Mode == DiffModeKind::ReverseCombined);
  if (Split) {
    PrimalAndReverse =
        Reverse.getSplitFunctions(F, Activity, nullptr, &Call, Req.RuntimeActivity);
    Gradient = PrimalAndReverse.Reverse;
  } else if (Req.Mode == DiffModeKind::ReverseCombined) {
    Gradient = Reverse.getGradientFunction(F, Activity, &Call);
  } else {
    ReverseMode::SplitFunctions Pair =
        Reverse.getSplitFunctions(F, Activity, nullptr, &Call, Req.RuntimeActivity);
    Gradient = Req.Mode == DiffModeKind::ReverseAugmented ? Pair.Augmented : Pair.Reverse;
  }
  if (!generatePending(Call)) {
    Derivatives.discardSince(Mark);
    return fail(Call);
  }
  IRBuilder<> B(&Call);
  SmallVector<Value *, 16> Args;
  for (auto [I, A] : enumerate(Req.Args)) {
    Type *ParamTy = F.getArg(I)->getType();
    Args.push_back(passArgument(B, A.Primal, ParamTy));
    if (A.isDuplicated())
      Args.push_back(runtimeShadow(B, Req, Args.back(), passArgument(B, A.Shadows[0], ParamTy)));
  }
  Value *Primal = nullptr;
  // The reverse half continues from what its augmented half left.
  if (Split)
    zeroShadowGlobals(B, *PrimalAndReverse.Augmented);
  else if (Req.Mode != DiffModeKind::ReverseSplit)
    zeroShadowGlobals(B, *Gradient);
  if (Split) {
    CallInst *Aug = B.CreateCall(PrimalAndReverse.Augmented, Args);
    Aug->setDebugLoc(Call.getDebugLoc());
    if (Req.PrimalReturn && !F.getReturnType()->isVoidTy())
      Primal = B.CreateExtractValue(Aug, 1);
    if (isAdjointType(F.getReturnType()))
      Args.push_back(ConstantFP::get(F.getReturnType(), Req.ConstReturn ? 0.0 : 1.0));
    Args.push_back(B.CreateExtractValue(Aug, 0));
  }
  if (Req.Mode == DiffModeKind::ReverseSplit) {
    if (Req.Seed)
      Args.push_back(passArgument(B, Req.Seed, F.getReturnType()));
    Args.push_back(Req.TapeBuffer ? B.CreateLoad(B.getPtrTy(), Req.TapeBuffer) : Req.Tape);
  }
  CallInst *New = B.CreateCall(Gradient, Args);
  New->setDebugLoc(Call.getDebugLoc());
  if (Req.Mode == DiffModeKind::ReverseAugmented && Req.TapeBuffer) {
    // The tape goes into the caller's memory; f's result, if asked for.
    B.CreateStore(B.CreateExtractValue(New, 0), Req.TapeBuffer);
    Value *Result = nullptr;
    if (!F.getReturnType()->isVoidTy() && Req.ResultType == F.getReturnType())
      Result = B.CreateExtractValue(New, 1);
    return complete(Req, B, Result);
  }
  if (Req.Mode == DiffModeKind::ReverseAugmented) {
    // The tape, or {tape, f's result} (or {f's result, tape}) when the
    // entry point is declared so.
    SmallVector<Value *, 2> Parts{B.CreateExtractValue(New, 0)};
    if (!F.getReturnType()->isVoidTy())
      Parts.push_back(B.CreateExtractValue(New, 1));
    if (Req.ResultType->isPointerTy())
      Parts.resize(1);
    else if (tapeFieldOfPair(Req.ResultType, F.getReturnType()) == 1)
      std::swap(Parts[0], Parts[1]);
    return complete(Req, B, convertResult(B, Parts, Req.ResultType));
  }
  bool WantsResult = resultIsUsed(Req);
  if (WantsResult) {
    SmallVector<Value *, 4> Adjoints;
    if (Primal)
      Adjoints.push_back(Primal);
    for (unsigned K = 0; !Gradient->getReturnType()->isVoidTy() &&
                         K < Gradient->getReturnType()->getStructNumElements();
         ++K)
      Adjoints.push_back(B.CreateExtractValue(New, K));
    Value *Result = Adjoints.empty() ? nullptr : convertResult(B, Adjoints, Req.ResultType);
    if (!Result) {
      Diags.error(Call, "the request is declared to return " + typeName(Req.ResultType) +
                            " but '" + F.getName() + "' has " + Twine(Adjoints.size()) +
                            " active (enzyme_out) argument(s); declare the entry point to "
                            "return their derivatives (one value, or a struct of them in order)");
      return fail(Call);
    }
    return complete(Req, B, Result);
  }
  complete(Req, B, nullptr);
}

} // namespace adjoint
