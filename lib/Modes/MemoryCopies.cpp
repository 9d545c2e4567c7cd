//===- Modes/MemoryCopies.cpp - memcpy and memmove in reverse mode --------===//
//
/// \file
/// GradientBuilder's copies. A copy moves bytes; its reverse depends on
/// what the bytes are. Floats: the source's shadow takes the destination's
/// (added element by element), which is cleared. Pointers: the forward
/// pass copies their shadows too, so a pointer loaded from the destination
/// finds its shadow. The element type comes from a side's local or global
/// array, or else from how the function itself reads and writes the memory
/// on either side (all accesses one float type, or all pointers).
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {

/// The one scalar type \p T is made of (arrays, vectors and structs of one
/// type count), or null when it mixes several.
static Type *scalarOf(Type *T) {
  while (T && (T->isArrayTy() || T->isVectorTy()))
    T = T->isArrayTy() ? T->getArrayElementType() : cast<VectorType>(T)->getElementType();
  if (auto *ST = dyn_cast_or_null<StructType>(T)) {
    Type *One = nullptr;
    for (Type *E : ST->elements()) {
      Type *S = scalarOf(E);
      if (!S || (One && One != S))
        return nullptr;
      One = S;
    }
    return One;
  }
  return T;
}

/// The one type (a float type, or ptr) in which the function reads and
/// writes the memory \p Ptr points into, or null when there is none or
/// several.
Type *GradientBuilder::accessedType(Value *Ptr) const {
  const Value *Obj = getUnderlyingObject(Ptr);
  if (auto *A = dyn_cast<AllocaInst>(Obj))
    return scalarOf(A->getAllocatedType());
  if (auto *G = dyn_cast<GlobalVariable>(Obj))
    return scalarOf(G->getValueType());
  // Accesses through a phi or select of pointers count for each object
  // they may point into (buffers swapped between loop iterations).
  auto reaches = [&](Value *P) {
    SmallVector<const Value *, 4> Objects;
    getUnderlyingObjects(P, Objects);
    return is_contained(Objects, Obj);
  };
  Type *Found = nullptr;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      Type *T = nullptr;
      if (auto *L = dyn_cast<LoadInst>(&I); L && reaches(L->getPointerOperand()))
        T = L->getType();
      else if (auto *S = dyn_cast<StoreInst>(&I); S && reaches(S->getPointerOperand()))
        T = S->getValueOperand()->getType();
      if (!(T = scalarOf(T)))
        continue;
      if ((!T->isFloatingPointTy() && !T->isPointerTy()) || (Found && Found != T))
        return nullptr;
      Found = T;
    }
  return Found;
}

Type *GradientBuilder::copiedElementType(MemTransferInst &MT) const {
  auto [It, New] = CopyTypes.try_emplace(&MT, nullptr);
  if (!New)
    return It->second;
  Type *D = accessedType(MT.getRawDest()), *S = accessedType(MT.getRawSource());
  Type *T = D && S && D != S ? nullptr : D ? D : S;
  if (T && !T->isFloatingPointTy() && !T->isPointerTy())
    T = nullptr;
  return CopyTypes[&MT] = T;
}

/// Copies of pointers copy their shadows along (a copy from memory without
/// a shadow leaves null shadows).
void GradientBuilder::mirrorPointerCopies() {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *MT = dyn_cast<MemTransferInst>(&I);
      Value *DS = MT ? Shadow.lookup(MT->getRawDest()) : nullptr;
      Type *T = DS ? copiedElementType(*MT) : nullptr;
      if (!T || !T->isPointerTy())
        continue;
      IRBuilder<> FB(MT->getNextNode());
      if (Value *SS = Shadow.lookup(MT->getRawSource()))
        FB.CreateMemMove(DS, MT->getDestAlign(), SS, MT->getSourceAlign(), MT->getLength());
      else
        FB.CreateMemSet(DS, FB.getInt8(0), MT->getLength(), MT->getDestAlign());
    }
}

/// void adjoint.copy.reverse.<T>(ptr dst.shadow, ptr src.shadow, i64 bytes):
/// the transpose of a copy of T elements: src[k] += dst[k]; dst[k] = 0. For
/// a memmove the regions may overlap: the destination's adjoints are taken
/// out into a buffer first.
static Function *getCopyTranspose(Module &M, Type *T, bool Overlap) {
  std::string Name = std::string("adjoint.") + (Overlap ? "memmove" : "memcpy") + ".reverse." +
                     std::to_string(T->getTypeID());
  if (Function *F = M.getFunction(Name))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx), *I64 = Type::getInt64Ty(Ctx);
  auto *F = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, I64}, false),
                             GlobalValue::InternalLinkage, Name, M);
  F->addFnAttr(Attribute::NoUnwind);
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "loop", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  Value *Dst = F->getArg(0), *Src = F->getArg(1), *Bytes = F->getArg(2);
  Value *Buffer = nullptr;
  if (Overlap) {
    FunctionCallee Malloc = M.getOrInsertFunction("malloc", Ptr, I64);
    Buffer = B.CreateCall(Malloc, {Bytes});
    B.CreateMemCpy(Buffer, MaybeAlign(), Dst, MaybeAlign(), Bytes);
    B.CreateMemSet(Dst, B.getInt8(0), Bytes, MaybeAlign());
  }
  uint64_t Size = M.getDataLayout().getTypeAllocSize(T);
  Value *N = B.CreateUDiv(Bytes, B.getInt64(Size));
  B.CreateCondBr(B.CreateICmpEQ(N, B.getInt64(0)), Done, Loop);
  B.SetInsertPoint(Loop);
  PHINode *K = B.CreatePHI(I64, 2);
  K->addIncoming(B.getInt64(0), Entry);
  Value *D = B.CreateGEP(T, Overlap ? Buffer : Dst, K), *S = B.CreateGEP(T, Src, K);
  B.CreateStore(B.CreateFAdd(B.CreateLoad(T, S), B.CreateLoad(T, D)), S);
  if (!Overlap)
    B.CreateStore(Constant::getNullValue(T), D);
  Value *Next = B.CreateAdd(K, B.getInt64(1));
  K->addIncoming(Next, Loop);
  B.CreateCondBr(B.CreateICmpEQ(Next, N), Done, Loop);
  B.SetInsertPoint(Done);
  if (Overlap)
    B.CreateCall(M.getOrInsertFunction("free", B.getVoidTy(), Ptr), {Buffer});
  B.CreateRetVoid();
  return F;
}

/// The reverse of a copy of floats: the source's shadow takes the
/// destination's, which is cleared (a copy from memory without a shadow
/// only clears).
void GradientBuilder::reverseCopy(MemTransferInst &MT) {
  Value *DS = primal(Shadow.lookup(MT.getRawDest()));
  Value *Len = primal(MT.getLength());
  if (Value *SS = Shadow.lookup(MT.getRawSource()))
    B.CreateCall(getCopyTranspose(*F.getParent(), copiedElementType(MT), isa<MemMoveInst>(MT)),
                 {DS, primal(SS), B.CreateZExtOrTrunc(Len, B.getInt64Ty())});
  else
    B.CreateMemSet(DS, B.getInt8(0), Len, MT.getDestAlign());
}

} // namespace adjoint
