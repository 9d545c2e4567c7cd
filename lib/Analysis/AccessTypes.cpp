//===- Analysis/AccessTypes.cpp - the types memory is accessed as ---------===//
//
/// \file
/// See AccessTypes.h.
//
//===----------------------------------------------------------------------===//
#include "Analysis/AccessTypes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"
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

/// A TBAA scalar type node's type and size (x86-64 C/C++ sizes; alignment
/// is the size, long double's 16), or null for types whose size the name
/// does not tell ("omnipotent char": bytes, arrays, unions; enums).
static std::pair<Type *, uint64_t> scalarOfTBAATypeNode(StringRef N, LLVMContext &Ctx) {
  if (N == "double")
    return {Type::getDoubleTy(Ctx), 8};
  if (N == "float")
    return {Type::getFloatTy(Ctx), 4};
  if (N == "long double")
    return {Type::getX86_FP80Ty(Ctx), 16};
  if (N == "any pointer" || N.starts_with("p1 ") || N.starts_with("p2 ") || N.starts_with("p3 "))
    return {PointerType::getUnqual(Ctx), 8};
  uint64_t Bytes = StringSwitch<uint64_t>(N)
                       .Cases("bool", "_Bool", 1)
                       .Cases("short", "unsigned short", 2)
                       .Cases("int", "unsigned int", 4)
                       .Cases("long", "unsigned long", "long long", "unsigned long long", 8)
                       .Default(0);
  if (!Bytes)
    return {nullptr, 0};
  return {Type::getIntNTy(Ctx, 8 * unsigned(Bytes)), Bytes};
}

/// Appends the scalar fields of the TBAA struct type node \p Node at
/// \p Base; returns {size, alignment}, or nullopt when a field's size is
/// unknown. A struct node is (name, field type, offset, field type,
/// offset, ...); a scalar node (name, parent, 0) has one "field", its parent.
static std::optional<std::pair<uint64_t, uint64_t>>
flattenTBAAStruct(const MDNode *Node, uint64_t Base, LLVMContext &Ctx,
                  SmallVectorImpl<std::pair<uint64_t, Type *>> &Fields, unsigned Depth) {
  auto *Name = Node->getNumOperands() ? dyn_cast<MDString>(Node->getOperand(0)) : nullptr;
  if (!Name || Depth > 8 || Fields.size() > 64)
    return std::nullopt;
  if (auto [T, Bytes] = scalarOfTBAATypeNode(Name->getString(), Ctx); T) {
    Fields.push_back({Base, T});
    return std::make_pair(Bytes, Bytes);
  }
  if (Node->getNumOperands() < 3 || Node->getNumOperands() % 2 == 0)
    return std::nullopt;
  uint64_t End = 0, Align = 1;
  for (unsigned K = 1; K + 1 < Node->getNumOperands(); K += 2) {
    auto *Field = dyn_cast<MDNode>(Node->getOperand(K));
    auto *Off = mdconst::dyn_extract<ConstantInt>(Node->getOperand(K + 1));
    if (!Field || !Off)
      return std::nullopt;
    auto Sub = flattenTBAAStruct(Field, Base + Off->getZExtValue(), Ctx, Fields, Depth + 1);
    if (!Sub)
      return std::nullopt;
    End = std::max(End, Off->getZExtValue() + Sub->first);
    Align = std::max(Align, Sub->second);
  }
  return std::make_pair(alignTo(End, Align), Align);
}

std::optional<uint64_t> layoutOfTBAAStructType(const MDNode *Node, LLVMContext &Ctx,
                                               SmallVectorImpl<std::pair<uint64_t, Type *>> &Fields) {
  if (auto Size = flattenTBAAStruct(Node, 0, Ctx, Fields, 0))
    return Size->first;
  return std::nullopt;
}

void accessedStructsOf(ArrayRef<BasicBlock *> Blocks, const Value *Ptr,
                       SmallSetVector<const MDNode *, 2> &TBAABases,
                       SmallSetVector<Type *, 2> &IRStructs) {
  SmallVector<const Value *, 4> Targets = objectsOf(Ptr);
  if (Targets.empty())
    return;
  auto reaches = [&](const Value *P) {
    return any_of(objectsOf(P), [&](const Value *O) { return is_contained(Targets, O); });
  };
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      const Value *P = nullptr;
      if (auto *L = dyn_cast<LoadInst>(&I))
        P = L->getPointerOperand();
      else if (auto *S = dyn_cast<StoreInst>(&I))
        P = S->getPointerOperand();
      if (!P || !reaches(P))
        continue;
      // A member access's tag: (struct, member's scalar type, offset).
      if (const MDNode *Tag = I.getMetadata(LLVMContext::MD_tbaa);
          Tag && Tag->getNumOperands() >= 3 && Tag->getOperand(0) != Tag->getOperand(1))
        if (auto *BaseNode = dyn_cast<MDNode>(Tag->getOperand(0)))
          TBAABases.insert(BaseNode);
      if (const MDNode *MD = I.getMetadata(StructAccessMetadata); MD && MD->getNumOperands())
        if (auto *C = mdconst::dyn_extract<Constant>(MD->getOperand(0)))
          if (auto *ST = dyn_cast<StructType>(C->getType()))
            IRStructs.insert(ST);
      if (auto *G = dyn_cast<GetElementPtrInst>(P))
        if (auto *ST = dyn_cast<StructType>(G->getSourceElementType()))
          IRStructs.insert(ST);
    }
}

} // namespace adjoint
