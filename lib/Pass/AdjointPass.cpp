//===- Pass/AdjointPass.cpp - the module pass -----------------------------===//
//
/// \file
/// The path of one request (docs/architecture.md): parse, look up or
/// generate the derivative, replace the call; then clean up what requests
/// leave behind (marker loads, entry-point declarations) and re-optimize the
/// generated functions. A request that fails is reported at its call and
/// replaced by poison, so the module stays valid and the compile fails
/// cleanly (clang and lld show every error; opt stops at the first).
//
//===----------------------------------------------------------------------===//
#include "Pass/AdjointPass.h"

#include "Modes/ForwardMode.h"
#include "Modes/ReverseMode.h"
#include "Requests/DiffRequest.h"
#include "Support/Diagnostics.h"
#include "Support/Options.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include <functional>
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Vectorize/SLPVectorizer.h"

using namespace llvm;

namespace adjoint {
namespace {

std::string typeName(Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  T->print(OS);
  return S;
}

/// Serves the requests of one module.
class RequestServer {
public:
  RequestServer(Module &M, FunctionAnalysisManager &FAM, Diagnostics &Diags)
      : M(M), Diags(Diags), Derivatives(M, FAM, Diags), Forward(Derivatives),
        Reverse(Derivatives) {}

  void serve(CallInst &Call);
  const DerivativeSet &derivatives() const { return Derivatives; }
  void finish() { Derivatives.finish(); }

private:
  void serveForward(DiffRequest &Req);
  void serveReverse(DiffRequest &Req);
  Value *passArgument(IRBuilder<> &B, Value *V, Type *ParamTy);
  Value *convertResult(IRBuilder<> &B, ArrayRef<Value *> Lanes, Type *To);
  void fail(CallInst &Call);

  Module &M;
  /// Generates every queued body, each by the mode that declared it.
  bool generatePending() {
    return Derivatives.generatePending([&](Function &F) {
      return Derivatives.keyOf(&F).Kind == DerivativeKind::Tangent ? Forward.generateBody(F)
                                                                   : Reverse.generateBody(F);
    });
  }

  Diagnostics &Diags;
  DerivativeSet Derivatives;
  ForwardMode Forward;
  ReverseMode Reverse;
};

void RequestServer::fail(CallInst &Call) {
  if (!Call.getType()->isVoidTy())
    Call.replaceAllUsesWith(PoisonValue::get(Call.getType()));
  Call.eraseFromParent();
}

void RequestServer::serve(CallInst &Call) {
  StringRef Name = requestEntryOf(Call)->getName();
  std::optional<DiffModeKind> Mode = requestModeOf(Name);
  if (!Mode) {
    Diags.error(Call, "'" + Name + "' is not supported yet: this version of Adjoint "
                                   "implements __enzyme_fwddiff and __enzyme_autodiff");
    return fail(Call);
  }
  std::optional<DiffRequest> Req = parseRequest(Call, *Mode, Diags);
  if (!Req)
    return fail(Call);
  if (*Mode == DiffModeKind::Forward)
    serveForward(*Req);
  else
    serveReverse(*Req);
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
  if (N > 1 && ToElements == N) {
    Value *Agg = PoisonValue::get(To);
    for (unsigned K = 0; K < N; ++K) {
      Type *Elem = isa<StructType>(To) ? To->getStructElementType(K)
                   : isa<ArrayType>(To) ? To->getArrayElementType()
                                        : cast<VectorType>(To)->getElementType();
      Value *V = convertOne(Values[K], Elem);
      if (!V)
        return nullptr;
      Agg = isa<FixedVectorType>(To) ? B.CreateInsertElement(Agg, V, K)
                                     : B.CreateInsertValue(Agg, V, K);
    }
    return Agg;
  }
  // Through memory: the declared type must hold the values laid out as a
  // struct of them, up to its own tail padding.
  SmallVector<Type *, 4> Types;
  for (Value *V : Values)
    Types.push_back(V->getType());
  const DataLayout &DL = M.getDataLayout();
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
  Function *Tangent = Forward.getTangentFunction(F, Mask, Req.Width, nullptr, &Call);
  if (!generatePending()) {
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
        Args.push_back(passArgument(B, A.Shadows[K], ParamTy));
      }
    }
  }
  CallInst *New = B.CreateCall(Tangent, Args);
  New->setDebugLoc(Call.getDebugLoc());

  bool WantsResult = Req.ResultPtr || (!Call.getType()->isVoidTy() && !Call.use_empty());
  if (WantsResult) {
    SmallVector<Value *, 4> Lanes;
    if (SlotTy) {
      for (Value *S : ResultShadows)
        Lanes.push_back(B.CreateLoad(SlotTy, S));
    } else if (ForwardMode::returnsTangent(F.getReturnType())) {
      for (unsigned K = 0; K < Req.Width; ++K)
        Lanes.push_back(B.CreateExtractValue(New, K + 1));
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
    if (Req.ResultPtr)
      B.CreateStore(Result, Req.ResultPtr);
    else
      Call.replaceAllUsesWith(Result);
  }
  if (!Call.getType()->isVoidTy())
    Call.replaceAllUsesWith(PoisonValue::get(Call.getType()));
  Call.eraseFromParent();
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
  if (!Ret->isVoidTy() && !Ret->isFloatingPointTy() &&
      ForwardMode::returnsTangent(Ret)) {
    Diags.error(Call, "'" + F.getName() + "' returns " + typeName(Ret) +
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
  size_t Mark = Derivatives.size();
  Function *Gradient = Reverse.getGradientFunction(F, Activity, &Call);
  if (!generatePending()) {
    Derivatives.discardSince(Mark);
    return fail(Call);
  }
  IRBuilder<> B(&Call);
  SmallVector<Value *, 16> Args;
  for (auto [I, A] : enumerate(Req.Args)) {
    Type *ParamTy = F.getArg(I)->getType();
    Args.push_back(passArgument(B, A.Primal, ParamTy));
    if (A.isDuplicated())
      Args.push_back(passArgument(B, A.Shadows[0], ParamTy));
  }
  CallInst *New = B.CreateCall(Gradient, Args);
  New->setDebugLoc(Call.getDebugLoc());
  bool WantsResult = Req.ResultPtr || (!Call.getType()->isVoidTy() && !Call.use_empty());
  if (WantsResult) {
    SmallVector<Value *, 4> Adjoints;
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
    if (Req.ResultPtr)
      B.CreateStore(Result, Req.ResultPtr);
    else
      Call.replaceAllUsesWith(Result);
  }
  if (!Call.getType()->isVoidTy())
    Call.replaceAllUsesWith(PoisonValue::get(Call.getType()));
  Call.eraseFromParent();
}

/// Marker arguments were only read by requests: delete the loads left
/// behind, and give declared markers a definition so that code using them
/// elsewhere still links without a runtime library.
void cleanUpMarkers(Module &M) {
  for (GlobalVariable &GV : M.globals()) {
    if (!GV.getName().starts_with("enzyme_"))
      continue;
    SmallVector<Instruction *, 8> Dead;
    for (User *U : GV.users())
      if (auto *L = dyn_cast<LoadInst>(U); L && L->use_empty())
        Dead.push_back(L);
    for (Instruction *I : Dead)
      I->eraseFromParent();
    GV.removeDeadConstantUsers();
    if (GV.isDeclaration() && !GV.use_empty()) {
      GV.setInitializer(Constant::getNullValue(GV.getValueType()));
      GV.setLinkage(GlobalValue::WeakAnyLinkage);
    }
  }
}

/// Orders requests so that a request inside code another request
/// differentiates (a derivative of a derivative) is served first: the outer
/// one then sees an ordinary call to a generated function.
void orderInnerFirst(SmallVectorImpl<CallInst *> &Requests) {
  DenseMap<Function *, SmallVector<CallInst *, 2>> RequestsIn;
  for (CallInst *CI : Requests)
    RequestsIn[CI->getFunction()].push_back(CI);
  // Requests inside the functions reachable from R's target, R excluded.
  auto innerRequests = [&](CallInst *R) {
    SmallVector<CallInst *, 4> Inner;
    Function *Target = requestedFunction(*R);
    if (!Target)
      return Inner;
    SmallPtrSet<Function *, 16> Seen;
    SmallVector<Function *, 16> Work{Target};
    while (!Work.empty()) {
      Function *F = Work.pop_back_val();
      if (F->isDeclaration() || !Seen.insert(F).second)
        continue;
      for (CallInst *CI : RequestsIn.lookup(F))
        if (CI != R)
          Inner.push_back(CI);
      for (Instruction &I : instructions(*F))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (Function *Callee = CB->getCalledFunction())
            Work.push_back(Callee);
    }
    return Inner;
  };
  SmallVector<CallInst *, 8> Ordered;
  SmallPtrSet<CallInst *, 8> Placed;
  // Depth-first: inner requests before the request that needs them.
  std::function<void(CallInst *, unsigned)> place = [&](CallInst *R, unsigned Depth) {
    if (Placed.contains(R) || Depth > Requests.size())
      return;
    for (CallInst *Inner : innerRequests(R))
      place(Inner, Depth + 1);
    if (Placed.insert(R).second)
      Ordered.push_back(R);
  };
  for (CallInst *R : Requests)
    place(R, 0);
  Requests.assign(Ordered.begin(), Ordered.end());
}

void optimizeGeneratedFunctions(const DerivativeSet &Derivatives, PassBuilder &PB,
                                FunctionAnalysisManager &FAM) {
  FunctionPassManager Simplify =
      PB.buildFunctionSimplificationPipeline(OptimizationLevel::O2, ThinOrFullLTOPhase::None);
  // Tangent lanes and tangents beside vectorized primal code are
  // straight-line work that packs into vectors. Gradients are left out:
  // SLP turns neighbouring shadow updates in a reverse loop into overlapping
  // vector read-modify-writes, which stall on store forwarding.
  FunctionPassManager Pack;
  Pack.addPass(SLPVectorizerPass());
  Pack.addPass(InstCombinePass());
  for (Function *F : Derivatives.generated()) {
    FAM.invalidate(*F, PreservedAnalyses::none());
    Simplify.run(*F, FAM);
    if (Derivatives.keyOf(F).Kind == DerivativeKind::Tangent)
      Pack.run(*F, FAM);
  }
}

} // namespace

PreservedAnalyses AdjointPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (printModuleAt() == PrintModuleKind::Before)
    M.print(outs(), nullptr);
  SmallVector<Function *, 4> EntryPoints;
  SmallVector<CallBase *, 8> Calls;
  for (Function &F : M) {
    if (!F.isDeclaration() || !isRequestEntryPoint(F.getName()))
      continue;
    EntryPoints.push_back(&F);
    for (User *U : F.users())
      if (auto *CB = dyn_cast<CallBase>(U); CB && requestEntryOf(*CB) == &F)
        Calls.push_back(CB);
  }
  // C++ calls the entry point with `invoke`; the derivative it becomes is
  // an ordinary call, so the exception edge goes away.
  SmallVector<CallInst *, 8> Requests;
  for (CallBase *CB : Calls)
    Requests.push_back(isa<InvokeInst>(CB) ? changeToCall(cast<InvokeInst>(CB))
                                           : cast<CallInst>(CB));
  orderInnerFirst(Requests);
  if (Requests.empty())
    return PreservedAnalyses::all();

  FunctionAnalysisManager &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  // The functions that hold requests change, and so do their analyses.
  for (CallInst *CI : Requests)
    FAM.invalidate(*CI->getFunction(), PreservedAnalyses::none());
  Diagnostics Diags;
  RequestServer Server(M, FAM, Diags);
  for (CallInst *CI : Requests)
    Server.serve(*CI);
  Server.finish();
  cleanUpMarkers(M);
  for (Function *F : EntryPoints)
    if (F->use_empty())
      F->eraseFromParent();

  if (printModuleAt() == PrintModuleKind::After)
    M.print(outs(), nullptr);
  if (optimizeGenerated() && !Diags.hadError())
    optimizeGeneratedFunctions(Server.derivatives(), PB, FAM);
  if (printModuleAt() == PrintModuleKind::Final)
    M.print(outs(), nullptr);
  return PreservedAnalyses::none();
}

PreservedAnalyses ProtectMarkersPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  for (GlobalVariable &GV : M.globals())
    if (GV.getName().starts_with("enzyme_") && GV.hasInitializer() &&
        !GV.isExternallyInitialized()) {
      GV.setExternallyInitialized(true);
      Changed = true;
    }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace adjoint
