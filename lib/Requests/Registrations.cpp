//===- Requests/Registrations.cpp - what users declare beside requests ----===//
//
/// \file
/// Named shadows of globals: tables to metadata, and the checks that keep a
/// named shadow from silently corrupting memory (too small, constant, the
/// global itself, named twice).
//
//===----------------------------------------------------------------------===//
#include "Requests/Registrations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace adjoint {

static constexpr const char *ShadowMetadata = "enzyme_shadow";
static constexpr const char *ShadowTablePrefix = "__enzyme_shadow_global";

SmallVector<GlobalVariable *, 2> namedShadows(const GlobalVariable &G) {
  SmallVector<GlobalVariable *, 2> Shadows;
  if (!G.hasMetadata()) // the common case, on activity's hot path: one bit
    return Shadows;
  if (MDNode *MD = G.getMetadata(ShadowMetadata))
    for (const MDOperand &Op : MD->operands())
      if (auto *C = dyn_cast_or_null<ConstantAsMetadata>(Op.get()))
        if (auto *S = dyn_cast<GlobalVariable>(C->getValue()->stripPointerCasts()))
          Shadows.push_back(S);
  return Shadows;
}

namespace {

/// The rows of a table's initializer: an array of rows, or one row.
void tableRows(Constant *Init, SmallVectorImpl<SmallVector<Constant *, 3>> &Rows) {
  auto Elements = [](Constant *C) {
    SmallVector<Constant *, 3> Out;
    for (unsigned I = 0; Constant *E = C->getAggregateElement(I); ++I)
      Out.push_back(E);
    return Out;
  };
  Type *Ty = Init->getType();
  if (!Ty->isArrayTy() && !Ty->isStructTy())
    return;
  SmallVector<Constant *, 3> Top = Elements(Init);
  if (!Top.empty() && Top[0]->getType()->isPointerTy()) {
    Rows.push_back(Top);
    return;
  }
  for (Constant *Row : Top)
    if (Row->getType()->isArrayTy() || Row->getType()->isStructTy())
      Rows.push_back(Elements(Row));
}

std::string nameOf(const Constant *C) {
  if (C->hasName())
    return ("'" + C->getName() + "'").str();
  return C->isNullValue() ? "a null pointer" : "a value that is not a global";
}

} // namespace

static SmallVector<GlobalVariable *, 2> shadowTables(Module &M) {
  SmallVector<GlobalVariable *, 2> Tables;
  for (GlobalVariable &T : M.globals())
    if (T.getName().starts_with(ShadowTablePrefix) && T.hasInitializer())
      Tables.push_back(&T);
  return Tables;
}

std::vector<std::string> collectNamedShadows(Module &M) {
  std::vector<std::string> Problems;
  LLVMContext &Ctx = M.getContext();
  const DataLayout &DL = M.getDataLayout();

  SmallVector<GlobalVariable *, 2> Tables = shadowTables(M);
  removeFromUsedLists(M, [&](Constant *C) { return is_contained(Tables, C); });
  for (GlobalVariable *T : Tables) {
    SmallVector<SmallVector<Constant *, 3>, 4> Rows;
    tableRows(T->getInitializer(), Rows);
    for (auto [N, Row] : enumerate(Rows)) {
      // Rows shorter than the table's width end in nulls; zero-filled rows
      // are the unused tail of a table with a fixed size.
      while (!Row.empty() && Row.back()->isNullValue())
        Row.pop_back();
      if (Row.empty())
        continue;
      auto *G = dyn_cast<GlobalVariable>(Row[0]->stripPointerCasts());
      if (!G || Row.size() < 2) {
        Problems.push_back(("row " + Twine(N + 1) + " of '" + T->getName() +
                            "' must be {&global, &shadow, ...}: the global, then one shadow "
                            "per lane")
                               .str());
        continue;
      }
      if (G->hasMetadata(ShadowMetadata)) {
        Problems.push_back(("global '" + G->getName() + "' is given a shadow twice (in '" +
                            T->getName() + "'): name it once")
                               .str());
        continue;
      }
      SmallVector<Metadata *, 2> Ops;
      for (Constant *S : drop_begin(Row))
        Ops.push_back(ConstantAsMetadata::get(S));
      G->setMetadata(ShadowMetadata, MDNode::get(Ctx, Ops));
    }
    T->removeDeadConstantUsers();
    if (T->use_empty())
      T->eraseFromParent();
  }

  // Check every named shadow, from tables or written in IR.
  DenseMap<GlobalVariable *, GlobalVariable *> ShadowOf; // shadow -> the global it serves
  for (GlobalVariable &G : M.globals()) {
    MDNode *MD = G.getMetadata(ShadowMetadata);
    if (!MD)
      continue;
    bool Valid = MD->getNumOperands() > 0;
    uint64_t Size = G.getValueType()->isSized() ? DL.getTypeAllocSize(G.getValueType()) : 0;
    for (const MDOperand &Op : MD->operands()) {
      auto *C = dyn_cast_or_null<ConstantAsMetadata>(Op.get());
      auto *S = C ? dyn_cast<GlobalVariable>(C->getValue()->stripPointerCasts()) : nullptr;
      std::string Problem;
      if (!S)
        Problem = "the shadow named for global '" + G.getName().str() + "' is " +
                  (C ? nameOf(C->getValue()) : std::string("not a constant")) +
                  ": name a mutable global of the same type";
      else if (S == &G)
        Problem = "global '" + G.getName().str() +
                  "' is named as its own shadow: name a separate global of the same type";
      else if (S->isConstant())
        Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                  G.getName().str() + "' is constant: derivatives are written into it, so "
                  "declare it without const";
      else if (S->getValueType()->isSized() && DL.getTypeAllocSize(S->getValueType()) < Size)
        Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                  G.getName().str() + "' has " +
                  std::to_string(DL.getTypeAllocSize(S->getValueType())) + " bytes, fewer than '" +
                  G.getName().str() + "' (" + std::to_string(Size) +
                  "): give the shadow the global's type";
      else if (GlobalVariable *Other = ShadowOf.lookup(S); Other && Other != &G)
        Problem = "'" + S->getName().str() + "' is named as the shadow of both '" +
                  Other->getName().str() + "' and '" + G.getName().str() +
                  "': each global (and each lane) needs a shadow of its own";
      // Shadow accesses take the global's alignment (vector code may need
      // it): a shadow defined here is aligned as much, one defined
      // elsewhere must be declared so.
      Align GlobalAlign = G.getPointerAlignment(DL);
      if (S && Problem.empty() && S->getPointerAlignment(DL) < GlobalAlign) {
        if (!S->isDeclaration())
          S->setAlignment(GlobalAlign);
        else
          Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                    G.getName().str() + "' is declared less aligned than the global (" +
                    std::to_string(GlobalAlign.value()) +
                    " bytes): declare it with __attribute__((aligned(" +
                    std::to_string(GlobalAlign.value()) + ")))";
      }
      if (S && Problem.empty())
        ShadowOf[S] = &G;
      if (!Problem.empty()) {
        Problems.push_back(Problem);
        Valid = false;
      }
    }
    if (!Valid)
      G.setMetadata(ShadowMetadata, nullptr);
  }
  return Problems;
}

} // namespace adjoint
