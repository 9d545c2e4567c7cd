//===- Modes/ForwardCalls.cpp - tangents of calls -------------------------===//
//
/// \file
/// TangentBuilder's handling of calls, in the order it decides:
///  1. markers and known-inactive functions: nothing to do;
///  2. memory intrinsics: the same operation on the shadows;
///  3. math with a rule: tangent from the rule table;
///  4. allocators, realloc and frees: shadow allocations beside the primal;
///  5. functions defined in the module: call their tangent function;
///  6. anything else that touches a derivative: an error naming the callee
///     and the call chain.
//
//===----------------------------------------------------------------------===//
#include "Analysis/KnownFunctions.h"
#include "Modes/IndirectCalls.h"
#include "Modes/TangentBuilder.h"
#include "Requests/Registrations.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace adjoint {

bool TangentBuilder::anyArgHasTangent(CallBase &CB) {
  for (Value *A : CB.args())
    if (hasTangent(A))
      return true;
  return false;
}

CallInst *TangentBuilder::cloneAsCall(CallBase &CB, ArrayRef<Value *> Args) {
  CallInst *C = B.CreateCall(CB.getFunctionType(), CB.getCalledOperand(), Args);
  C->setCallingConv(CB.getCallingConv());
  C->setAttributes(CB.getAttributes());
  return C;
}

void TangentBuilder::visitCallBase(CallBase &CB) {
  if (isa<CallBrInst>(CB))
    return visitInstruction(CB);
  Function *Callee = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee) {
    if (!anyArgHasTangent(CB))
      return;
    if (CB.isInlineAsm())
      return fail(CB, "cannot differentiate inline assembly that reads a derivative");
    // Calls that may reach a function of the module went to a dispatcher
    // (IndirectCalls.h) when the body was prepared.
    return fail(CB, NoKnownTargetsMessage);
  }
  if (isInactiveCall(CB))
    return;
  // Tangent functions, memory operations, realloc and free take shadows
  // that may be null; nothing else does yet.
  if (any_of(CB.args(), [&](Value *A) { return Nullable.contains(A); }) &&
      !isa<MemIntrinsic>(CB) && (Callee->isDeclaration() || Callee->isVarArg()) &&
      !isFreeFunction(*Callee) && !isReallocFunction(Callee->getName()))
    return fail(CB, "cannot pass this pointer to '" + demangle(Callee->getName()) +
                        "': it was read from memory that also holds pointers without "
                        "derivatives (into enzyme_const data, say), so its shadow may be "
                        "missing; give that data a zeroed shadow (enzyme_dup) instead");
  if (isa<MemTransferInst>(CB))
    return memoryTransfer(CB);
  if (isa<MemSetInst>(CB))
    return memorySet(CB);
  if (const Rule *R = findCallRule(CB)) {
    if (R->Kind == RuleKind::Linear)
      return applyLinearCall(CB);
    if (Activity.isActive(&CB)) {
      SmallVector<Value *, 3> Args(CB.args());
      applyRule(*R, CB, Args);
    }
    return;
  }
  StringRef Name = Callee->getName();
  if (allocatorInfo(*Callee))
    return shadowAllocation(CB);
  if (isReallocFunction(Name))
    return shadowRealloc(CB);
  if (isFreeFunction(*Callee))
    return shadowFree(CB);
  if (!Callee->isDeclaration() || forwardRuleOf(*Callee)) {
    if (!anyArgHasTangent(CB) && !callMayAccessGlobals(CB))
      return;
    if (Callee->isVarArg())
      return fail(CB, "cannot differentiate a call to the variadic function '" +
                          demangle(Name) + "'; give it fixed parameters");
    return callTangentFunction(CB, *Callee);
  }
  if (anyArgHasTangent(CB) && gradientRuleOf(*Callee))
    fail(CB, "cannot differentiate a call to '" + demangle(Name) +
                 "' in forward mode: it is not defined in this translation unit and has only "
                 "a reverse-mode rule; register a forward-mode rule too "
                 "(__enzyme_register_derivative_" + Name + ")");
  else if (anyArgHasTangent(CB))
    fail(CB, "cannot differentiate a call to '" + demangle(Name) +
                            "': it is not defined in this translation unit and has no "
                            "derivative rule; define it here (or build with -flto and the "
                            "Adjoint linker plugin), or pass its arguments as enzyme_const");
}

/// Lane moves (vector.reverse, masked loads and stores, ...): the same
/// operation on the tangents, with pointers replaced by their shadows.
void TangentBuilder::applyLinearCall(CallBase &CB) {
  if (!anyArgHasTangent(CB))
    return;
  for (Value *A : CB.args())
    if (A->getType()->isPointerTy() && !hasTangent(A)) {
      // A store into memory without a shadow has nothing to mirror; a load
      // from it has a zero tangent.
      return;
    }
  insertAfter(CB);
  Lanes L;
  for (unsigned K = 0; K < Width; ++K) {
    SmallVector<Value *, 4> Args;
    for (Value *A : CB.args())
      Args.push_back(A->getType()->isIntOrIntVectorTy() ? A : tangentOrZero(A, K));
    L.push_back(cloneAsCall(CB, Args));
  }
  if (!CB.getType()->isVoidTy())
    setLanes(&CB, L);
}

void TangentBuilder::callTangentFunction(CallBase &CB, Function &Callee) {
  SmallVector<bool, 8> Mask;
  for (Value *A : CB.args())
    Mask.push_back(hasTangent(A));
  Function *Fn =
      Mode.getTangentFunction(Callee, Mask, Width, &Tangent, nullptr, passesNullShadows(CB));
  B.SetInsertPoint(&CB);
  SmallVector<Value *, 16> Args;
  for (unsigned I = 0; I < CB.arg_size(); ++I) {
    Value *A = CB.getArgOperand(I);
    Args.push_back(A);
    if (Mask[I])
      for (unsigned K = 0; K < Width; ++K)
        Args.push_back(tangentOrZero(A, K));
  }
  CallBase *New;
  if (auto *II = dyn_cast<InvokeInst>(&CB))
    New = B.CreateInvoke(Fn, II->getNormalDest(), II->getUnwindDest(), Args);
  else
    New = B.CreateCall(Fn, Args);
  New->setDebugLoc(CB.getDebugLoc());
  New->setCallingConv(Fn->getCallingConv());
  if (!ForwardMode::returnsTangent(CB.getType()))
    return replaceCall(CB, New);
  insertAfter(*New);
  Value *Primal = B.CreateExtractValue(New, 0);
  Lanes L;
  for (unsigned K = 0; K < Width; ++K)
    L.push_back(B.CreateExtractValue(New, K + 1));
  // The caller's analysis decides: a result it finds inactive has no
  // tangent here (its lanes are zero, or null shadows of constant data).
  bool Active = Activity.isActive(&CB);
  replaceCall(CB, Primal);
  if (Active)
    setLanes(Primal, L);
}

void TangentBuilder::replaceCall(CallBase &Old, Value *Result) {
  if (Result) {
    Old.replaceAllUsesWith(Result);
    // A result whose shadow may be null keeps that mark.
    if (Nullable.Values.erase(&Old))
      Nullable.Values.insert(Result);
  }
  Old.eraseFromParent();
}

// ---- memory intrinsics ----------------------------------------------------------

bool TangentBuilder::passesNullShadows(CallBase &CB) const {
  return Nullable.MemoryMayHoldNull ||
         any_of(CB.args(), [&](Value *A) { return Nullable.contains(A); });
}

Instruction *TangentBuilder::enterIfNotNull(Value *P) {
  Instruction *Rest = &*B.GetInsertPoint();
  Instruction *Then = SplitBlockAndInsertIfThen(B.CreateIsNotNull(P), Rest, false);
  Then->getParent()->setName(P->getName() + ".not.null");
  B.SetInsertPoint(Then);
  return Rest;
}

void TangentBuilder::memoryTransfer(CallBase &CI) {
  auto &MT = cast<MemTransferInst>(CI);
  Value *RawDst = MT.getRawDest(), *RawSrc = MT.getRawSource();
  bool DstShadow = hasTangent(RawDst), SrcShadow = hasTangent(RawSrc);
  if (!DstShadow) {
    if (SrcShadow)
      fail(CI, "memory with derivatives is copied into memory without a shadow, "
                          "so the derivatives would be lost; pass the destination as "
                          "enzyme_dup with a shadow");
    return;
  }
  insertAfter(CI);
  // Copied from memory that holds no derivative (a constant table): zeroes.
  auto zeroes = [&](Value *Dst) {
    B.CreateMemSet(Dst, B.getInt8(0), MT.getLength(), MT.getDestAlign(), MT.isVolatile());
  };
  auto copy = [&](Value *Dst, Value *Src) {
    if (isa<MemMoveInst>(MT))
      B.CreateMemMove(Dst, MT.getDestAlign(), Src, MT.getSourceAlign(), MT.getLength(),
                      MT.isVolatile());
    else
      B.CreateMemCpy(Dst, MT.getDestAlign(), Src, MT.getSourceAlign(), MT.getLength(),
                     MT.isVolatile());
  };
  for (unsigned K = 0; K < Width; ++K) {
    Value *Dst = tangentOrZero(RawDst, K);
    // Shadows that may be null: nothing to write into a null destination,
    // zeroes from a null source.
    Instruction *Rest = Nullable.contains(RawDst) ? enterIfNotNull(Dst) : nullptr;
    if (!SrcShadow) {
      zeroes(Dst);
    } else {
      Value *Src = tangentOrZero(RawSrc, K);
      if (Nullable.contains(RawSrc)) {
        Instruction *Copy, *Zero;
        SplitBlockAndInsertIfThenElse(B.CreateIsNotNull(Src), &*B.GetInsertPoint(), &Copy,
                                      &Zero);
        B.SetInsertPoint(Copy);
        copy(Dst, Src);
        B.SetInsertPoint(Zero);
        zeroes(Dst);
        B.SetInsertPoint(Copy->getParent()->getSingleSuccessor(),
                         Copy->getParent()->getSingleSuccessor()->getFirstInsertionPt());
      } else {
        copy(Dst, Src);
      }
    }
    if (Rest)
      B.SetInsertPoint(Rest);
  }
}

void TangentBuilder::memorySet(CallBase &CI) {
  auto &MS = cast<MemSetInst>(CI);
  if (!hasTangent(MS.getRawDest()))
    return;
  // The bytes set are constants: their derivative is zero.
  insertAfter(CI);
  for (unsigned K = 0; K < Width; ++K) {
    Value *Dst = tangentOrZero(MS.getRawDest(), K);
    Instruction *Rest = Nullable.contains(MS.getRawDest()) ? enterIfNotNull(Dst) : nullptr;
    B.CreateMemSet(Dst, B.getInt8(0), MS.getLength(), MS.getDestAlign(), MS.isVolatile());
    if (Rest)
      B.SetInsertPoint(Rest);
  }
}

// ---- heap -------------------------------------------------------------------------

void TangentBuilder::shadowAllocation(CallBase &CI) {
  mapLanes(CI, [&](unsigned) -> Value * { return createZeroedShadowAllocation(B, CI); });
}

/// The shadow of realloc(p, n) is a fresh zeroed block of n bytes holding
/// the old shadow's contents (as many bytes as the old block had), since
/// the grown part of the primal holds no derivative yet. A null old shadow
/// (memory without derivatives) leaves the new one all zeroes.
void TangentBuilder::shadowRealloc(CallBase &CI) {
  Module &Mod = *Tangent.getParent();
  Type *I64 = B.getInt64Ty(), *Ptr = B.getPtrTy();
  FunctionCallee Calloc = Mod.getOrInsertFunction("calloc", Ptr, I64, I64);
  FunctionCallee Usable = Mod.getOrInsertFunction("malloc_usable_size", I64, Ptr);
  FunctionCallee Free = Mod.getOrInsertFunction("free", B.getVoidTy(), Ptr);
  Value *OldPtr = CI.getArgOperand(0), *NewSize = CI.getArgOperand(1);
  mapLanes(CI, [&](unsigned K) -> Value * {
    Value *Old = tangentOrZero(OldPtr, K);
    Value *New = B.CreateCall(Calloc, {NewSize, B.getInt64(1)}, CI.getName() + ".shadow");
    Value *OldSize = B.CreateSelect(B.CreateIsNull(Old), B.getInt64(0),
                                    B.CreateCall(Usable, {Old}));
    Value *Keep = B.CreateBinaryIntrinsic(Intrinsic::umin, OldSize, NewSize);
    B.CreateMemCpy(New, MaybeAlign(), Old, MaybeAlign(), Keep);
    B.CreateCall(Free, {Old});
    return New;
  });
}

void TangentBuilder::shadowFree(CallBase &CI) {
  Value *Ptr = CI.getArgOperand(0);
  if (!hasTangent(Ptr))
    return;
  insertAfter(CI);
  for (unsigned K = 0; K < Width; ++K) {
    SmallVector<Value *, 2> Args(CI.args());
    Args[0] = tangentOrZero(Ptr, K);
    cloneAsCall(CI, Args);
  }
}

} // namespace adjoint
