//===- Rules/LibraryRules.cpp - derivative rules of library routines -------===//
//
/// \file
/// See LibraryRules.h. The bitcode of Rules/library/blas-rules.c is
/// embedded at build time (blas-rules.inc); for routine f it defines
/// adjoint_blas_fwd_f, adjoint_blas_aug_f and adjoint_blas_rev_f.
//
//===----------------------------------------------------------------------===//
#include "Rules/LibraryRules.h"

#include "Requests/Registrations.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace adjoint {

static const unsigned char BlasRulesBitcode[] = {
#include "blas-rules.inc"
};

static constexpr const char *RulePrefix[] = {"adjoint_blas_fwd_", "adjoint_blas_aug_",
                                             "adjoint_blas_rev_"};

/// The routines the library has rules for.
static bool hasLibraryRoutine(StringRef Name) {
  static const StringSet<> Names = [] {
    StringSet<> S;
    for (const char *P : {"d", "s"})
      for (const char *R : {"dot", "nrm2", "axpy", "scal", "gemv", "gemm"}) {
        S.insert((Twine("cblas_") + P + R).str());
        S.insert((Twine(P) + R + "_").str());
      }
    return S;
  }();
  return Names.contains(Name);
}

/// A reverse rule that returns two floats returns them, by the C ABI, as
/// <2 x float>: the rule conventions want {float, float}.
static Function *withStructReturn(Function &Rev) {
  auto *VT = dyn_cast<FixedVectorType>(Rev.getReturnType());
  if (!VT)
    return &Rev;
  LLVMContext &Ctx = Rev.getContext();
  SmallVector<Type *, 4> Fields(VT->getNumElements(), VT->getElementType());
  Function *Adapted = Function::Create(
      FunctionType::get(StructType::get(Ctx, Fields), Rev.getFunctionType()->params(), false),
      GlobalValue::InternalLinkage, Rev.getName() + ".struct", Rev.getParent());
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Adapted));
  SmallVector<Value *, 16> Args;
  for (Argument &A : Adapted->args())
    Args.push_back(&A);
  Value *V = B.CreateCall(&Rev, Args);
  Value *S = PoisonValue::get(Adapted->getReturnType());
  for (unsigned K = 0; K < Fields.size(); ++K)
    S = B.CreateInsertValue(S, B.CreateExtractElement(V, K), K);
  B.CreateRet(S);
  return Adapted;
}

bool attachLibraryRules(Module &M) {
  SmallVector<Function *, 4> Routines;
  for (Function &F : M)
    if (F.isDeclaration() && !F.use_empty() && !hasUserRule(F) && hasLibraryRoutine(F.getName()))
      Routines.push_back(&F);
  if (Routines.empty())
    return false;
  StringRef Bytes(reinterpret_cast<const char *>(BlasRulesBitcode), sizeof(BlasRulesBitcode));
  Expected<std::unique_ptr<Module>> Parsed =
      parseBitcodeFile(MemoryBufferRef(Bytes, "adjoint-blas-rules"), M.getContext());
  if (!Parsed) {
    consumeError(Parsed.takeError()); // Adjoint's own build is broken: no rules
    return false;
  }
  std::unique_ptr<Module> Library = std::move(*Parsed);
  Library->setTargetTriple(M.getTargetTriple());
  Library->setDataLayout(M.getDataLayout());
  // A routine declared as the library declares it gets the rules; the
  // names of the rules are asked for, so that linking brings them in.
  SmallVector<Function *, 4> Ruled;
  for (Function *F : Routines) {
    Function *Declared = Library->getFunction(F->getName());
    if (!Declared || Declared->getFunctionType() != F->getFunctionType())
      continue;
    for (const char *P : RulePrefix) {
      Function *Rule = Library->getFunction((P + F->getName()).str());
      M.getOrInsertFunction(Rule->getName(), Rule->getFunctionType());
    }
    Ruled.push_back(F);
  }
  if (Ruled.empty())
    return false;
  if (Linker::linkModules(M, std::move(Library), Linker::Flags::LinkOnlyNeeded))
    return false;
  for (Function *F : Ruled) {
    Function *Rules[3];
    for (auto [K, P] : enumerate(RulePrefix)) {
      Rules[K] = M.getFunction((P + F->getName()).str());
      Rules[K]->setLinkage(GlobalValue::InternalLinkage);
    }
    setLibraryRules(*F, *Rules[0], *Rules[1], *withStructReturn(*Rules[2]));
  }
  return true;
}

void eraseUnusedLibraryRules(Module &M) {
  for (Function &F : M)
    if (hasLibraryRules(F))
      dropLibraryRules(F); // what was generated calls the rules themselves
  // Adapters before what they call, callers before their helpers.
  for (bool Erased = true; Erased;) {
    Erased = false;
    for (Function &F : make_early_inc_range(M))
      if (F.hasLocalLinkage() && F.use_empty() && F.getName().starts_with("adjoint_blas_")) {
        F.eraseFromParent();
        Erased = true;
      }
  }
}

} // namespace adjoint
