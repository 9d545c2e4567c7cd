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

#include "Modes/IndirectCalls.h"
#include "Pass/RequestServer.h"
#include "Requests/DiffRequest.h"
#include "Requests/Registrations.h"
#include "Rules/LibraryRules.h"
#include "Support/Diagnostics.h"
#include "Support/Options.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Vectorize/SLPVectorizer.h"
#include <chrono>
#include <functional>

using namespace llvm;

namespace adjoint {
namespace {

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
  // Tangent lanes, tangents beside vectorized primal code and independent
  // shadow updates are straight-line work that packs into vectors. A
  // gradient whose reverse loops update one shadow element in nearby
  // iterations is marked adjoint-no-slp (GradientRules.cpp): SLP would turn
  // those updates into overlapping vector read-modify-writes, which stall
  // on store forwarding.
  FunctionPassManager Pack;
  Pack.addPass(SLPVectorizerPass());
  Pack.addPass(InstCombinePass());
  for (Function *F : Derivatives.generated()) {
    FAM.invalidate(*F, PreservedAnalyses::none());
    Simplify.run(*F, FAM);
    if (F->hasFnAttribute("adjoint-no-slp"))
      F->removeFnAttr("adjoint-no-slp");
    else
      Pack.run(*F, FAM);
  }
}

/// At -O0, a request that a header wraps in always-inlined functions (as
/// <enzyme/enzyme> does) passes its function and markers through the
/// inlined functions' local variables; promoting those to values lets the
/// request be read. Only functions that hold requests are touched.
void promoteLocalsAtO0(ArrayRef<CallInst *> Requests, FunctionAnalysisManager &FAM) {
  SmallPtrSet<Function *, 4> Done;
  for (CallInst *CI : Requests) {
    Function *F = CI->getFunction();
    if (!F->hasOptNone() || !Done.insert(F).second)
      continue;
    SROAPass(SROAOptions::PreserveCFG).run(*F, FAM);
    FAM.invalidate(*F, PreservedAnalyses::none());
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
  promoteLocalsAtO0(Requests, MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager());

  auto Start = std::chrono::steady_clock::now();
  for (const std::string &Name : givenOptionsWithoutEffect())
    errs() << "adjoint: note: -" << Name
           << " is accepted for Enzyme's users and has no effect: Adjoint's type analysis, "
              "inlining and pipeline are its own\n";
  FunctionAnalysisManager &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  // The functions that hold requests change, and so do their analyses.
  for (CallInst *CI : Requests)
    FAM.invalidate(*CI->getFunction(), PreservedAnalyses::none());
  Diagnostics Diags;
  // Registrations hold no instruction of their own: their problems are
  // reported at the first request, which they would make wrong.
  for (const std::string &Problem : collectNamedShadows(M))
    Diags.error(*Requests.front(), Problem);
  for (const std::string &Problem : collectUserRules(M))
    Diags.error(*Requests.front(), Problem);
  attachLibraryRules(M); // after the user's: theirs take precedence
  RequestServer Server(M, FAM, Diags);
  for (CallInst *CI : Requests)
    Server.serve(*CI);
  Server.derivatives().checkCallsToGenerated();
  Server.finish();
  cleanUpMarkers(M);
  eraseUnusedLibraryRules(M);
  eraseUnusedDispatchers(M);
  for (Function *F : EntryPoints)
    if (F->use_empty())
      F->eraseFromParent();

  if (printModuleAt() == PrintModuleKind::After)
    M.print(outs(), nullptr);
  if (optimizeGenerated() && !Diags.hadError())
    optimizeGeneratedFunctions(Server.derivatives(), PB, FAM);
  if (printPerf()) {
    // What differentiating cost this compilation, to set beside its total.
    std::chrono::duration<double> Took = std::chrono::steady_clock::now() - Start;
    outs() << "adjoint: perf: " << Requests.size() << " request(s) served in "
           << format("%.3f", Took.count()) << " s (generation and re-optimization)\n";
  }
  if (printModuleAt() == PrintModuleKind::Final)
    M.print(outs(), nullptr);
  return PreservedAnalyses::none();
}

PreservedAnalyses ProtectMarkersPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = keepRuleTargetsCalls(M);
  for (GlobalVariable &GV : M.globals())
    if (GV.getName().starts_with("enzyme_") && GV.hasInitializer() &&
        !GV.isExternallyInitialized()) {
      GV.setExternallyInitialized(true);
      Changed = true;
    }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace adjoint
