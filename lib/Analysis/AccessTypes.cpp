//===- Analysis/AccessTypes.cpp - the types memory is accessed as ---------===//
//
/// \file
/// See AccessTypes.h.
//
//===----------------------------------------------------------------------===//
#include "Analysis/AccessTypes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Metadata.h"

using namespace llvm;

namespace adjoint {

/// The objects \p P may point to, without null and undefined ones.
static SmallVector<const Value *, 4> objectsOf(const Value *P) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(P, Objects);
  erase_if(Objects, [](const Value *O) { return isa<ConstantPointerNull, UndefValue>(O); });
  return Objects;
}

bool accessTypesOf(ArrayRef<BasicBlock *> Blocks, const Value *Ptr,
                   function_ref<bool(const CallBase &)> SeenThrough,
                   SmallSetVector<Type *, 4> &Types) {
  SmallVector<const Value *, 4> Targets = objectsOf(Ptr);
  auto reaches = [&](const Value *P) {
    return any_of(objectsOf(P), [&](const Value *O) { return is_contained(Targets, O); });
  };
  if (Targets.empty())
    return true;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      if (auto *L = dyn_cast<LoadInst>(&I); L && reaches(L->getPointerOperand()))
        Types.insert(L->getType()->getScalarType());
      else if (auto *S = dyn_cast<StoreInst>(&I); S && reaches(S->getPointerOperand()))
        Types.insert(S->getValueOperand()->getType()->getScalarType());
      else if (auto *CB = dyn_cast<CallBase>(&I);
               CB && !isa<MemIntrinsic>(CB) && !CB->isLifetimeStartOrEnd() &&
               !isa<DbgInfoIntrinsic>(CB) && !CB->doesNotAccessMemory() && !SeenThrough(*CB) &&
               any_of(CB->args(),
                      [&](Value *A) { return A->getType()->isPointerTy() && reaches(A); }))
        return false;
    }
  return true;
}

Type *scalarTypeOfTBAATag(const MDNode *Tag, uint64_t Bytes, LLVMContext &Ctx) {
  // A struct-path tag: (base type, access type, offset); the access type
  // node starts with its name.
  auto *Access = Tag && Tag->getNumOperands() > 1 ? dyn_cast<MDNode>(Tag->getOperand(1)) : nullptr;
  auto *Name = Access && Access->getNumOperands() > 0 ? dyn_cast<MDString>(Access->getOperand(0))
                                                      : nullptr;
  if (!Name)
    return nullptr;
  StringRef N = Name->getString();
  if (N == "double" && Bytes == 8)
    return Type::getDoubleTy(Ctx);
  if (N == "float" && Bytes == 4)
    return Type::getFloatTy(Ctx);
  if (N == "long double" && (Bytes == 10 || Bytes == 16))
    return Type::getX86_FP80Ty(Ctx);
  if (N == "any pointer" || N.starts_with("p1 ") || N.starts_with("p2 ") || N.starts_with("p3 "))
    return PointerType::getUnqual(Ctx);
  if (N == "int" || N == "long" || N == "long long" || N == "short" || N == "bool" ||
      N == "_Bool" || N.starts_with("unsigned "))
    return Type::getIntNTy(Ctx, 8 * unsigned(Bytes));
  return nullptr;
}

} // namespace adjoint
