//===- Modes/MemoryCopies.cpp - memcpy and memmove in reverse mode --------===//
//
/// \file
/// GradientBuilder's copies. A copy moves bytes; its reverse depends on
/// what the bytes are, which a CopyLayout says: the float and pointer
/// fields of a pattern that repeats every Period bytes over the copy (one
/// double every 8 bytes; the fields of a struct, every sizeof(struct)).
///  - Floats: the source's shadow takes the destination's (added field by
///    field), which is cleared.
///  - Pointers: the forward pass copies their shadows too, so a pointer
///    loaded from the destination finds its shadow.
///  - Anything else (integers): nothing.
/// The layout comes from a side that is a local or global (its type, at the
/// copy's offset into it; unions and byte arrays say nothing), from clang's
/// !tbaa.struct description of a struct copy, from how the function itself
/// reads and writes the memory on either side (all accesses one float type,
/// or all pointers), or from the one struct type whose members it accesses
/// there (TBAA member tags, struct GEPs), also through other whole copies.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"
#include "Modes/IndirectCalls.h"

#include "Analysis/AccessTypes.h"
#include "Analysis/KnownFunctions.h"
#include "Modes/LowerCalls.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace adjoint {

/// Appends the scalar fields of \p T at \p Base to \p Fields (arrays and
/// structs expanded, up to a bound); false when there are too many, or a
/// member is a union that may hold floats. (A union's IR type is one of
/// its members: std::function's _Any_data is two i64 whatever a lambda
/// captures. Where the memory is never accessed as floats, as in a
/// std::string's small buffer, that member stands for it. Byte arrays
/// inside a struct are clang's padding of packed layouts, or char members.)
static bool flatten(Type *T, uint64_t Base, const DataLayout &DL,
                    SmallVectorImpl<std::pair<uint64_t, Type *>> &Fields, bool UnionsHoldNoFloats) {
  if (Fields.size() > 64 || (isa<StructType>(T) && isUntypedStorage(T) && !UnionsHoldNoFloats))
    return false;
  if (auto *ST = dyn_cast<StructType>(T)) {
    const StructLayout *SL = DL.getStructLayout(ST);
    for (auto [K, E] : enumerate(ST->elements()))
      if (!flatten(E, Base + SL->getElementOffset(K), DL, Fields, UnionsHoldNoFloats))
        return false;
    return true;
  }
  if (auto *AT = dyn_cast<ArrayType>(T)) {
    uint64_t Size = DL.getTypeAllocSize(AT->getElementType());
    for (uint64_t K = 0; K < AT->getNumElements(); ++K)
      if (!flatten(AT->getElementType(), Base + K * Size, DL, Fields, UnionsHoldNoFloats))
        return false;
    return true;
  }
  if (auto *VT = dyn_cast<FixedVectorType>(T)) {
    uint64_t Size = DL.getTypeAllocSize(VT->getElementType());
    for (unsigned K = 0; K < VT->getNumElements(); ++K)
      Fields.push_back({Base + K * Size, VT->getElementType()});
    return true;
  }
  Fields.push_back({Base, T});
  return true;
}

/// The layout of a copy of \p Length bytes starting \p Offset bytes (or an
/// unknown, element-aligned offset) into memory of type \p T.
static std::optional<GradientBuilder::CopyLayout>
layoutOfType(Type *T, std::optional<uint64_t> Offset, Value *Length, const DataLayout &DL,
             bool UnionsHoldNoFloats) {
  if (isa<ArrayType>(T) && isUntypedStorage(T))
    return std::nullopt; // bytes: a buffer that may hold anything
  Type *Outer = T;
  while (auto *AT = dyn_cast<ArrayType>(T))
    T = AT->getElementType(); // the repeating element
  GradientBuilder::CopyLayout L;
  L.Period = DL.getTypeAllocSize(T);
  SmallVector<std::pair<uint64_t, Type *>, 8> Fields;
  if (!L.Period || !flatten(T, 0, DL, Fields, UnionsHoldNoFloats))
    return std::nullopt;
  uint64_t Shift = Offset ? *Offset % L.Period : 0;
  auto *Len = dyn_cast<ConstantInt>(Length);
  if (Shift == 0 && (!Len || Len->getZExtValue() % L.Period == 0)) {
    L.Fields.assign(Fields.begin(), Fields.end());
    return L;
  }
  // Integers and bytes from the window's start to the element's end (a
  // string's characters copied into its small buffer, however many): the
  // copy moves no float and no pointer, whatever its length.
  bool Whole = !isa<ArrayType>(Outer);
  if (!Len && Offset && (Whole || Fields.empty()) &&
      none_of(Fields, [&](auto &Fd) {
        return Fd.first + DL.getTypeAllocSize(Fd.second) > Shift &&
               (Fd.second->isFloatingPointTy() || Fd.second->isPointerTy());
      })) {
    L.Period = L.Period - Shift;
    return L;
  }
  // A window inside one element (a struct copied from its second field on).
  if (!Len || Shift + Len->getZExtValue() > L.Period)
    return std::nullopt;
  L.Period = Len->getZExtValue();
  for (auto [Off, FT] : Fields)
    if (Off >= Shift && Off + DL.getTypeAllocSize(FT) <= Shift + L.Period)
      L.Fields.push_back({Off - Shift, FT});
  return L;
}

/// The layout clang's !tbaa.struct gives a struct copy: (offset, size,
/// access tag) per field; the tag's scalar type names the field's type.
static std::optional<GradientBuilder::CopyLayout> layoutOfTBAAStruct(MemTransferInst &MT) {
  MDNode *MD = MT.getMetadata(LLVMContext::MD_tbaa_struct);
  auto *Len = dyn_cast<ConstantInt>(MT.getLength());
  if (!MD || !Len || MD->getNumOperands() % 3)
    return std::nullopt;
  LLVMContext &Ctx = MT.getContext();
  GradientBuilder::CopyLayout L;
  L.Period = Len->getZExtValue();
  for (unsigned K = 0; K + 2 < MD->getNumOperands(); K += 3) {
    auto *Off = mdconst::dyn_extract<ConstantInt>(MD->getOperand(K));
    auto *Size = mdconst::dyn_extract<ConstantInt>(MD->getOperand(K + 1));
    auto *Tag = dyn_cast<MDNode>(MD->getOperand(K + 2));
    if (!Off || !Size || !Tag)
      return std::nullopt;
    Type *T = scalarTypeOfTBAATag(Tag, Size->getZExtValue(), Ctx);
    if (!T)
      return std::nullopt; // "omnipotent char" (arrays, unions): could be anything
    L.Fields.push_back({Off->getZExtValue(), T});
  }
  return L;
}

/// The one type (a float type, an integer type, or ptr) in which the
/// function reads and writes the memory \p Ptr points into, or null when
/// there is none or several. (Memory only ever read and written as integers
/// holds integers: moving its bytes moves no adjoint.) Pointers through a phi or select count for each object they may
/// point into (buffers swapped between loop iterations, a vector's buffer
/// before and after it grows); null is no object.
Type *GradientBuilder::accessedType(Value *Ptr) const {
  SmallSetVector<Type *, 4> Types;
  if (!accessTypesOf(Blocks, Ptr, [&](const CallBase &CB) { return seenThrough(CB); }, Types) ||
      Types.size() != 1)
    return nullptr;
  return Types.front();
}

/// Memory a call may read or write (a recursive callee kept as a call, an
/// external function) is accessed in types this function does not show;
/// not so for allocators, frees and calls known to carry no derivative. The
/// stub of a call through a pointer to an unknown function is not such a
/// call either: where derivatives flow through it, it stops the program.
bool GradientBuilder::seenThrough(const CallBase &CB) const {
  const Function *Callee = CB.getCalledFunction();
  return isAllocation(CB) || isFree(CB) || isInactiveCall(CB) ||
         (Callee && isUnknownTargetStub(*Callee));
}

/// Memory on either side that the function indexes as one struct type (a
/// std::vector of structs: its heap buffer has no type, but its elements'
/// members are read with TBAA tags, or at -O0 through GEPs, of that struct):
/// copies of whole elements move that struct's fields. The struct named by
/// the tags and the one named by GEPs must agree where both are seen.
std::optional<GradientBuilder::CopyLayout>
GradientBuilder::layoutOfAccessedStruct(MemTransferInst &MT) const {
  SmallSetVector<const MDNode *, 2> Tags;
  SmallSetVector<Type *, 2> Structs;
  // Both sides, and memory whole copies connect them with (a vector's
  // buffer grows by copying into a new one, then is copied into another
  // vector whose elements are read): the bytes are the same elements.
  SmallSetVector<Value *, 8> Sides;
  Sides.insert(MT.getRawDest());
  Sides.insert(MT.getRawSource());
  for (unsigned K = 0; K < Sides.size() && Sides.size() < 8; ++K) {
    SmallVector<const Value *, 4> Objects;
    getUnderlyingObjects(Sides[K], Objects);
    auto touches = [&](Value *P) {
      SmallVector<const Value *, 4> Os;
      getUnderlyingObjects(P, Os);
      return any_of(Os, [&](const Value *O) {
        return !isa<ConstantPointerNull>(O) && is_contained(Objects, O);
      });
    };
    for (BasicBlock *BB : Blocks)
      for (Instruction &I : *BB)
        if (auto *Other = dyn_cast<MemTransferInst>(&I); Other && Other != &MT) {
          if (touches(Other->getRawDest()))
            Sides.insert(Other->getRawSource());
          else if (touches(Other->getRawSource()))
            Sides.insert(Other->getRawDest());
        }
  }
  for (Value *P : Sides)
    accessedStructsOf(Blocks, P, Tags, Structs);
  if (Tags.size() > 1 || Structs.size() > 1 || (Tags.empty() && Structs.empty()))
    return std::nullopt;
  const DataLayout &DL = F.getDataLayout();
  auto floatsAndPointers = [](CopyLayout L) {
    erase_if(L.Fields, [](auto &Fd) {
      return !Fd.second->isFloatingPointTy() && !Fd.second->isPointerTy();
    });
    return L;
  };
  std::optional<CopyLayout> FromTags, FromIR;
  if (!Tags.empty()) {
    CopyLayout L;
    std::optional<uint64_t> Size = layoutOfTBAAStructType(Tags[0], F.getContext(), L.Fields);
    if (!Size || !*Size)
      return std::nullopt;
    L.Period = *Size;
    FromTags = floatsAndPointers(L);
  }
  if (!Structs.empty()) {
    CopyLayout L;
    SmallVector<std::pair<uint64_t, Type *>, 8> Fields;
    L.Period = DL.getTypeAllocSize(Structs[0]);
    if (!L.Period || !flatten(Structs[0], 0, DL, Fields, /*UnionsHoldNoFloats=*/false))
      return std::nullopt;
    L.Fields.assign(Fields.begin(), Fields.end());
    FromIR = floatsAndPointers(L);
  }
  if (FromTags && FromIR &&
      (FromTags->Period != FromIR->Period || FromTags->Fields != FromIR->Fields))
    return std::nullopt;
  std::optional<CopyLayout> L = FromTags ? FromTags : FromIR;
  // Whole elements only: a constant length that is not a multiple of the
  // struct's size copies part of one, at an offset not known here.
  if (auto *Len = dyn_cast<ConstantInt>(MT.getLength()); Len && Len->getZExtValue() % L->Period)
    return std::nullopt;
  return L;
}

/// Whether the function may read or write floats in \p Obj: some access
/// is a float, or a call (not one seen through) may access it.
bool GradientBuilder::mayHoldFloats(const Value *Obj) const {
  SmallSetVector<Type *, 4> Types;
  if (!accessTypesOf(Blocks, Obj, [&](const CallBase &CB) { return seenThrough(CB); }, Types))
    return true;
  return any_of(Types, [](Type *T) { return T->isFloatingPointTy(); });
}

const GradientBuilder::CopyLayout *GradientBuilder::copyLayout(MemTransferInst &MT) const {
  auto [It, New] = CopyLayouts.try_emplace(&MT);
  if (!New)
    return It->second ? &*It->second : nullptr;
  const DataLayout &DL = F.getDataLayout();
  std::optional<CopyLayout> Found;
  // A side that is a local or global: its type, at the copy's offset.
  for (Value *P : {MT.getRawDest(), MT.getRawSource()}) {
    int64_t Offset = 0;
    const Value *Base = GetPointerBaseWithConstantOffset(P, Offset, DL);
    const Value *Obj = getUnderlyingObject(P);
    Type *T = nullptr;
    if (auto *A = dyn_cast<AllocaInst>(Obj))
      T = A->getAllocatedType();
    else if (auto *G = dyn_cast<GlobalVariable>(Obj))
      T = G->getValueType();
    if (!T)
      continue;
    std::optional<uint64_t> Known;
    if (Base == Obj && Offset >= 0)
      Known = Offset;
    // Only a type with a union inside needs to know (a walk of the body).
    bool UnionsHoldNoFloats = !isUntypedStorage(T, /*Within=*/true) || !mayHoldFloats(Obj);
    if ((Found = layoutOfType(T, Known, MT.getLength(), DL, UnionsHoldNoFloats)))
      break;
  }
  if (!Found)
    Found = layoutOfTBAAStruct(MT);
  if (!Found) {
    Type *D = accessedType(MT.getRawDest()), *S = accessedType(MT.getRawSource());
    if (Type *T = D && S && D != S ? nullptr : D ? D : S) {
      Found = CopyLayout{DL.getTypeAllocSize(T), {{0, T}}};
    }
  }
  if (!Found)
    Found = layoutOfAccessedStruct(MT);
  if (!Found && MT.getMetadata(MovedCopyMetadata) && !isa<MemMoveInst>(MT)) {
    Found = CopyLayout();
    Found->Moved = true;
  }
  if (Found) // integers take no part
    erase_if(Found->Fields, [](auto &Fd) {
      return !Fd.second->isFloatingPointTy() && !Fd.second->isPointerTy();
    });
  It = CopyLayouts.find(&MT); // the map may have grown
  It->second = Found;
  return Found ? &*It->second : nullptr;
}

namespace {
/// What a field helper does to the fields of a layout, per period.
enum class FieldWork {
  Transpose,    ///< floats: src[f] += dst[f]; dst[f] = 0
  CopyPointers, ///< pointers: dst[f] = src[f] (shadows of copied pointers)
  ClearPointers ///< pointers: dst[f] = null (copied from memory without a shadow)
};
} // namespace

/// void adjoint.copy.<work>.<layout>(ptr dst, ptr src, i64 bytes): \p Work
/// on each period of the layout over the copy. For a memmove, whose regions
/// may overlap, the destination's fields are taken out into a buffer first.
static Function *getFieldHelper(Module &M, const GradientBuilder::CopyLayout &L, FieldWork Work,
                                bool Overlap) {
  static const char *const Names[] = {"reverse", "pointers", "clear"};
  std::string Name = std::string("adjoint.copy.") + Names[unsigned(Work)] +
                     (Overlap ? ".move." : ".") + std::to_string(L.Period);
  for (auto [Off, T] : L.Fields)
    Name += "." + std::to_string(Off) +
            (T->isPointerTy() ? "p" : "f" + std::to_string(T->getTypeID()));
  if (Function *F = M.getFunction(Name))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx), *I64 = Type::getInt64Ty(Ctx);
  auto *F = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, I64}, false),
                             GlobalValue::InternalLinkage, Name, M);
  F->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Dst = F->getArg(0), *Src = F->getArg(1), *Bytes = F->getArg(2);
  Value *N = B.CreateUDiv(Bytes, B.getInt64(L.Period));
  bool Floats = Work == FieldWork::Transpose;
  // Runs Body(offset of the field, its type) for each field of the kind, in
  // each period, as one loop.
  auto forEachField = [&](function_ref<void(Value *, Type *)> Body) {
    BasicBlock *Before = B.GetInsertBlock();
    auto *Loop = BasicBlock::Create(Ctx, "loop", F), *Done = BasicBlock::Create(Ctx, "done", F);
    B.CreateCondBr(B.CreateICmpEQ(N, B.getInt64(0)), Done, Loop);
    B.SetInsertPoint(Loop);
    PHINode *K = B.CreatePHI(I64, 2);
    K->addIncoming(B.getInt64(0), Before);
    Value *Start = B.CreateMul(K, B.getInt64(L.Period));
    for (auto [Off, T] : L.Fields)
      if (Floats ? T->isFloatingPointTy() : T->isPointerTy())
        Body(B.CreateAdd(Start, B.getInt64(Off)), T);
    Value *Next = B.CreateAdd(K, B.getInt64(1));
    K->addIncoming(Next, Loop);
    B.CreateCondBr(B.CreateICmpEQ(Next, N), Done, Loop);
    B.SetInsertPoint(Done);
  };
  auto at = [&](Value *Base, Value *Off) { return B.CreateGEP(B.getInt8Ty(), Base, Off); };
  Value *From = Work == FieldWork::Transpose ? Dst : Src;
  Value *Buffer = nullptr;
  if (Overlap && Work != FieldWork::ClearPointers) {
    Buffer = B.CreateCall(M.getOrInsertFunction("malloc", Ptr, I64), {Bytes});
    B.CreateMemCpy(Buffer, MaybeAlign(), From, MaybeAlign(), Bytes);
    From = Buffer;
  }
  switch (Work) {
  case FieldWork::Transpose:
    if (Buffer) { // clear every destination field, then add them all back
      forEachField([&](Value *Off, Type *T) {
        B.CreateStore(Constant::getNullValue(T), at(Dst, Off));
      });
      forEachField([&](Value *Off, Type *T) {
        Value *S = at(Src, Off);
        B.CreateStore(B.CreateFAdd(B.CreateLoad(T, S), B.CreateLoad(T, at(From, Off))), S);
      });
    } else {
      forEachField([&](Value *Off, Type *T) {
        Value *D = at(Dst, Off), *S = at(Src, Off);
        Value *A = B.CreateLoad(T, D);
        B.CreateStore(Constant::getNullValue(T), D);
        B.CreateStore(B.CreateFAdd(B.CreateLoad(T, S), A), S);
      });
    }
    break;
  case FieldWork::CopyPointers:
    forEachField([&](Value *Off, Type *T) {
      B.CreateStore(B.CreateLoad(T, at(From, Off)), at(Dst, Off));
    });
    break;
  case FieldWork::ClearPointers:
    forEachField([&](Value *Off, Type *T) {
      B.CreateStore(Constant::getNullValue(T), at(Dst, Off));
    });
    break;
  }
  if (Buffer)
    B.CreateCall(M.getOrInsertFunction("free", B.getVoidTy(), Ptr), {Buffer});
  B.CreateRetVoid();
  return F;
}

/// \p Bytes of a copy or set whose destination shadow \p DS may be null at
/// run time (MaybeNullShadows): none when it is, so that nothing touches it.
static Value *bytesIfShadow(IRBuilderBase &B, Value *DS, Value *Bytes, bool MayBeNull) {
  if (!MayBeNull)
    return Bytes;
  return B.CreateSelect(B.CreateIsNull(DS), Constant::getNullValue(Bytes->getType()), Bytes);
}

/// Copies of pointers copy their shadows along (a copy from memory without
/// a shadow leaves null shadows).
void GradientBuilder::mirrorPointerCopies() {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      auto *MT = dyn_cast<MemTransferInst>(&I);
      Value *DS = MT ? Shadow.lookup(MT->getRawDest()) : nullptr;
      const CopyLayout *L = DS ? copyLayout(*MT) : nullptr;
      Value *SS = MT ? Shadow.lookup(MT->getRawSource()) : nullptr;
      if (L && L->Moved) {
        // Pointer shadows and (zero) adjoints alike; nothing without a
        // shadow came from the source.
        IRBuilder<> FB(MT->getNextNode());
        if (SS) {
          Value *Bytes = bytesIfShadow(FB, DS, MT->getLength(), mayBeNullShadow(DS));
          FB.CreateMemCpy(DS, MaybeAlign(), mayBeNullShadow(SS) ? FB.CreateSelect(
                                                                    FB.CreateIsNull(SS), DS, SS)
                                                              : SS,
                          MaybeAlign(), Bytes);
        }
        continue;
      }
      if (!L || none_of(L->Fields, [](auto &Fd) { return Fd.second->isPointerTy(); }))
        continue;
      IRBuilder<> FB(MT->getNextNode());
      Value *Bytes = FB.CreateZExtOrTrunc(MT->getLength(), FB.getInt64Ty());
      Bytes = bytesIfShadow(FB, DS, Bytes, mayBeNullShadow(DS));
      Module &M = *F.getParent();
      Function *Copy = getFieldHelper(M, *L, FieldWork::CopyPointers, isa<MemMoveInst>(MT));
      Function *Clear = getFieldHelper(M, *L, FieldWork::ClearPointers, isa<MemMoveInst>(MT));
      if (!SS) {
        FB.CreateCall(Clear, {DS, DS, Bytes});
      } else if (mayBeNullShadow(SS)) {
        // A source whose shadow is null at run time holds no shadows to copy.
        Value *Null = FB.CreateIsNull(SS);
        FB.CreateCall(Copy->getFunctionType(), FB.CreateSelect(Null, Clear, Copy),
                      {DS, FB.CreateSelect(Null, DS, SS), Bytes});
      } else {
        FB.CreateCall(Copy, {DS, SS, Bytes});
      }
    }
}

/// The reverse of a copy: the source's shadow takes the destination's float
/// fields, which are cleared (a copy from memory without a shadow only
/// clears them).
void GradientBuilder::reverseCopy(MemTransferInst &MT) {
  const CopyLayout &L = *copyLayout(MT);
  Value *DSF = Shadow.lookup(MT.getRawDest());
  Value *DS = primal(DSF);
  Value *Len = B.CreateZExtOrTrunc(primal(MT.getLength()), B.getInt64Ty());
  Len = bytesIfShadow(B, DS, Len, mayBeNullShadow(DSF));
  Value *SS = Shadow.lookup(MT.getRawSource());
  if (SS && mayBeNullShadow(SS)) {
    // Null at run time: the source carries nothing. The destination's
    // adjoints are only cleared, which moving them onto themselves does.
    Value *P = primal(SS);
    Value *Source = B.CreateSelect(B.CreateIsNull(P), DS, P);
    if (L.Moved) {
      B.CreateMemMove(Source, MaybeAlign(), DS, MaybeAlign(), Len);
      B.CreateMemSet(DS, B.getInt8(0), Len, MaybeAlign());
      return;
    }
    B.CreateCall(getFieldHelper(*F.getParent(), L, FieldWork::Transpose, true), {DS, Source, Len});
    return;
  }
  if (L.Moved) {
    // Nothing touched the source's shadow since the copy (the block was
    // freed): its float bytes are zero, so moving the destination's bytes
    // back adds the adjoints, whatever the layout.
    if (SS)
      B.CreateMemCpy(primal(SS), MaybeAlign(), DS, MaybeAlign(), Len);
    B.CreateMemSet(DS, B.getInt8(0), Len, MaybeAlign());
    return;
  }
  if (!SS) { // a scratch source that receives the adjoints and is dropped
    Value *Scratch = B.CreateCall(
        F.getParent()->getOrInsertFunction("calloc", B.getPtrTy(), B.getInt64Ty(), B.getInt64Ty()),
        {Len, B.getInt64(1)});
    B.CreateCall(getFieldHelper(*F.getParent(), L, FieldWork::Transpose, false),
                 {DS, Scratch, Len});
    B.CreateCall(F.getParent()->getOrInsertFunction("free", B.getVoidTy(), B.getPtrTy()),
                 {Scratch});
    return;
  }
  B.CreateCall(getFieldHelper(*F.getParent(), L, FieldWork::Transpose, isa<MemMoveInst>(MT)),
               {DS, primal(SS), Len});
}

} // namespace adjoint
