//===- Modes/Prepare.cpp - normalized clones to differentiate -------------===//
//
/// \file
/// See Prepare.h. The normalization is the small set of function passes
/// that turns -O0 IR (every local in memory) into SSA and is nearly free
/// on IR that is already optimized.
//
//===----------------------------------------------------------------------===//
#include "Modes/Prepare.h"
#include "Modes/IndirectCalls.h"

#include "Analysis/AccessTypes.h"
#include "Modes/LowerCalls.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Analysis/AliasAnalysis.h"
#include "llvm/Analysis/MemoryLocation.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"

using namespace llvm;

namespace adjoint {

/// A derivative of a derivative (a request whose function holds another
/// request): the inner gradient's tape is ordinary heap memory here, with a
/// shadow like any other. Its storage reuse goes through a thread-local
/// spare that every gradient of the module shares, and no shadow can follow
/// storage through it (a gradient called directly leaves the spare full and
/// its shadow empty): in the clone, the spare always reads as empty and
/// released storage is freed.
static void tapeWithoutSpare(Function &F) {
  Module &M = *F.getParent();
  GlobalVariable *Spare = M.getGlobalVariable("adjoint.tape.spare", /*AllowInternal=*/true);
  Function *Release = M.getFunction("adjoint.tape.release");
  if (!Spare && !Release)
    return;
  auto isSpare = [&](Value *P) {
    Value *O = getUnderlyingObject(P);
    if (auto *II = dyn_cast<IntrinsicInst>(O);
        II && II->getIntrinsicID() == Intrinsic::threadlocal_address)
      O = getUnderlyingObject(II->getArgOperand(0));
    return Spare && O == Spare;
  };
  SmallVector<Instruction *, 8> Dead;
  for (Instruction &I : instructions(F)) {
    if (auto *L = dyn_cast<LoadInst>(&I); L && isSpare(L->getPointerOperand())) {
      L->replaceAllUsesWith(Constant::getNullValue(L->getType()));
      Dead.push_back(L);
    } else if (auto *St = dyn_cast<StoreInst>(&I); St && isSpare(St->getPointerOperand())) {
      Dead.push_back(St);
    } else if (auto *MS = dyn_cast<MemSetInst>(&I); MS && isSpare(MS->getRawDest())) {
      Dead.push_back(MS);
    } else if (auto *CB = dyn_cast<CallBase>(&I); CB && Release && CB->getCalledFunction() == Release) {
      CB->setCalledFunction(
          M.getOrInsertFunction("free", Type::getVoidTy(M.getContext()), CB->getArgOperand(0)->getType()));
    }
  }
  for (Instruction *I : Dead)
    I->eraseFromParent();
}

/// Loads and stores through a field address of a struct (`gep %struct.S,
/// p, i, 1`, as clang writes member accesses) keep that struct type as
/// StructAccessMetadata: InstCombine rewrites such addresses as byte
/// offsets, and copies of memory that holds an array of S (a std::vector's
/// buffer) need S to know which bytes are floats.
static void recordStructAccesses(Function &F) {
  LLVMContext &Ctx = F.getContext();
  for (Instruction &I : instructions(F)) {
    Value *P = nullptr;
    if (auto *L = dyn_cast<LoadInst>(&I))
      P = L->getPointerOperand();
    else if (auto *S = dyn_cast<StoreInst>(&I))
      P = S->getPointerOperand();
    auto *G = dyn_cast_or_null<GetElementPtrInst>(P);
    auto *ST = G ? dyn_cast<StructType>(G->getSourceElementType()) : nullptr;
    if (ST && !ST->isOpaque() && G->getNumIndices() >= 2)
      I.setMetadata(StructAccessMetadata,
                    MDNode::get(Ctx, {ConstantAsMetadata::get(PoisonValue::get(ST))}));
  }
}

Function *prepareClone(Function &F, FunctionAnalysisManager &FAM) {
  ValueToValueMapTy VMap;
  Function *Clone = CloneFunction(&F, VMap);
  Clone->setName(F.getName() + ".adjoint.prepared");
  Clone->setLinkage(GlobalValue::InternalLinkage);
  Clone->removeFnAttr(Attribute::OptimizeNone);
  Clone->removeFnAttr(Attribute::NoInline);
  Clone->removeFnAttr(Attribute::AlwaysInline);
  removeUnreachableBlocks(*Clone);
  dispatchIndirectCalls(*Clone);
  recordStructAccesses(*Clone);
  normalize(*Clone, FAM);
  return Clone;
}

void defineVectorLanes(Function &F) {
  for (Instruction &I : instructions(F)) {
    if (auto *SV = dyn_cast<ShuffleVectorInst>(&I)) {
      SmallVector<int, 16> Mask(SV->getShuffleMask());
      for (int &M : Mask)
        if (M < 0)
          M = 0;
      SV->setShuffleMask(Mask);
    }
    for (Use &Op : I.operands()) {
      auto *C = dyn_cast<Constant>(Op.get());
      auto *VT = C ? dyn_cast<FixedVectorType>(C->getType()) : nullptr;
      if (!VT || !C->containsUndefOrPoisonElement())
        continue;
      SmallVector<Constant *, 16> Elems;
      for (unsigned K = 0; K < VT->getNumElements(); ++K) {
        Constant *E = C->getAggregateElement(K);
        Elems.push_back(!E || isa<UndefValue>(E) ? Constant::getNullValue(VT->getElementType())
                                                 : E);
      }
      Op.set(ConstantVector::get(Elems));
    }
  }
}

/// A pointer stored as an integer of its width (InstCombine turns the copy
/// of a pointer, as in std::vector's relocation, into ptrtoint and an
/// integer store) is stored as the pointer: its shadow moves with it only
/// as a pointer; as an integer the shadow memory would get a zero.
static void pointersStoredAsPointers(Function &F) {
  const DataLayout &DL = F.getDataLayout();
  SmallVector<PtrToIntInst *, 4> Dead;
  for (Instruction &I : instructions(F))
    if (auto *St = dyn_cast<StoreInst>(&I))
      if (auto *P2I = dyn_cast<PtrToIntInst>(St->getValueOperand());
          P2I && P2I->getType()->isIntegerTy() &&
          DL.getTypeSizeInBits(P2I->getType()) ==
              DL.getTypeSizeInBits(P2I->getPointerOperand()->getType())) {
        St->setOperand(0, P2I->getPointerOperand());
        if (P2I->use_empty())
          Dead.push_back(P2I);
      }
  for (PtrToIntInst *P2I : Dead)
    P2I->eraseFromParent();
}

void normalize(Function &F, FunctionAnalysisManager &FAM) {
  tapeWithoutSpare(F); // also after gradients were inlined into F
  lowerLibraryCalls(F);
  FAM.invalidate(F, PreservedAnalyses::none());
  FunctionPassManager FPM;
  FPM.addPass(SROAPass(SROAOptions::ModifyCFG));
  FPM.addPass(EarlyCSEPass());
  FPM.addPass(InstCombinePass());
  FPM.addPass(SimplifyCFGPass());
  FPM.run(F, FAM);
  // Once more when locals are left: a first round turns selects of
  // references (std::min(a, b) on temporaries at -O0) into selects of
  // allocas, which the second promotes.
  if (any_of(instructions(F), [](Instruction &I) { return isa<AllocaInst>(I); })) {
    FunctionPassManager Again;
    Again.addPass(SROAPass(SROAOptions::ModifyCFG));
    Again.addPass(InstCombinePass());
    Again.run(F, FAM);
  }
  removeUnreachableBlocks(F);
  pointersStoredAsPointers(F);
  FAM.invalidate(F, PreservedAnalyses::none());
}

void canonicalizeLoops(Function &F) {
  DominatorTree DT(F);
  LoopInfo LI(DT);
  for (Loop *L : LI)
    simplifyLoop(L, &DT, &LI, nullptr, nullptr, nullptr, /*PreserveLCSSA=*/false);
}

void splitInvokeResultEdges(Function &F) {
  SmallVector<InvokeInst *, 4> Invokes;
  for (BasicBlock &BB : F)
    if (auto *II = dyn_cast<InvokeInst>(BB.getTerminator());
        II && !II->getType()->isVoidTy() && !II->getNormalDest()->getSinglePredecessor())
      Invokes.push_back(II);
  for (InvokeInst *II : Invokes)
    SplitEdge(II->getParent(), II->getNormalDest());
}

/// A loaded integer that the program reinterprets as a float is a float
/// load: `%i = load i64; %d = bitcast i64 %i to double` (how InstCombine
/// moves one double) becomes `%d = load double` from the same address, so
/// the adjoint of %d goes to the memory it came from instead of to an
/// integer, which carries none.
static bool floatLoadsOfReinterpretedIntegers(Function &F) {
  SmallVector<BitCastInst *, 8> Casts;
  for (Instruction &I : instructions(F))
    if (auto *C = dyn_cast<BitCastInst>(&I))
      if (auto *L = dyn_cast<LoadInst>(C->getOperand(0));
          L && L->isSimple() && L->getType()->isIntOrIntVectorTy() &&
          C->getType()->isFPOrFPVectorTy())
        Casts.push_back(C);
  for (BitCastInst *C : Casts) {
    auto *L = cast<LoadInst>(C->getOperand(0));
    IRBuilder<> B(L);
    LoadInst *FL = B.CreateAlignedLoad(C->getType(), L->getPointerOperand(), L->getAlign(),
                                       C->getName());
    FL->copyMetadata(*L);
    FL->setMetadata(LLVMContext::MD_tbaa, nullptr); // the integer's type is not the float's
    C->replaceAllUsesWith(FL);
    C->eraseFromParent();
    if (L->use_empty())
      L->eraseFromParent();
  }
  return !Casts.empty();
}

/// An integer load or store whose TBAA tag says it accesses a float is a
/// float access: InstCombine moves a double (a lambda's capture into
/// std::function's storage, a struct field) as an i64 and keeps the tag.
/// The load becomes a float load whose bits the integer uses take; the
/// store stores the float. Its derivative then goes through memory like
/// any float's, wherever the load and the store are.
static bool floatAccessesOfTaggedIntegers(Function &F) {
  const DataLayout &DL = F.getDataLayout();
  auto FloatOf = [&](Instruction &I, Type *T) -> Type * {
    if (!T->isIntegerTy() || !DL.typeSizeEqualsStoreSize(T))
      return nullptr;
    Type *FT = scalarTypeOfTBAATag(I.getMetadata(LLVMContext::MD_tbaa),
                                   DL.getTypeStoreSize(T), F.getContext());
    return FT && FT->isFloatingPointTy() && DL.getTypeSizeInBits(FT) == T->getIntegerBitWidth()
               ? FT
               : nullptr;
  };
  SmallVector<std::pair<Instruction *, Type *>, 8> Typed;
  for (Instruction &I : instructions(F)) {
    if (auto *L = dyn_cast<LoadInst>(&I); L && L->isSimple())
      if (Type *FT = FloatOf(I, L->getType()))
        Typed.push_back({L, FT});
    if (auto *S = dyn_cast<StoreInst>(&I); S && S->isSimple())
      if (Type *FT = FloatOf(I, S->getValueOperand()->getType()))
        Typed.push_back({S, FT});
  }
  for (auto [I, FT] : Typed) {
    IRBuilder<> B(I);
    if (auto *L = dyn_cast<LoadInst>(I)) {
      LoadInst *FL = B.CreateAlignedLoad(FT, L->getPointerOperand(), L->getAlign(), L->getName());
      FL->copyMetadata(*L);
      for (User *U : make_early_inc_range(L->users()))
        if (auto *C = dyn_cast<BitCastInst>(U); C && C->getType() == FT) {
          C->replaceAllUsesWith(FL); // the float moved as an integer and back
          C->eraseFromParent();
        }
      if (!L->use_empty())
        L->replaceAllUsesWith(B.CreateBitCast(FL, L->getType()));
      L->eraseFromParent();
      continue;
    }
    auto *S = cast<StoreInst>(I);
    Value *V = S->getValueOperand();
    auto *C = dyn_cast<BitCastInst>(V);
    Value *FV = C && C->getSrcTy() == FT ? C->getOperand(0) : B.CreateBitCast(V, FT);
    B.CreateAlignedStore(FV, S->getPointerOperand(), S->getAlign())->copyMetadata(*S);
    S->eraseFromParent();
  }
  return !Typed.empty();
}

/// The one float type \p Ptr's memory is read and written as in \p F, or
/// null: when it is also accessed as pointers, as two float types, or by a
/// call that may access it in types not shown here. Integer accesses do
/// not count (they are what is being typed).
static Type *floatTypeOfMemory(Function &F, Value *Ptr) {
  SmallVector<BasicBlock *, 16> Blocks(llvm::make_pointer_range(F));
  SmallSetVector<Type *, 4> Types;
  if (!accessTypesOf(Blocks, Ptr, [](const CallBase &) { return false; }, Types))
    return nullptr;
  Type *Found = nullptr;
  for (Type *T : Types) {
    if (T->isIntegerTy())
      continue;
    if (!T->isFloatingPointTy() || Found)
      return nullptr;
    Found = T;
  }
  return Found;
}

/// An integer constant stored into memory that is otherwise only read and
/// written as one float type is a float store: InstCombine forwards a
/// moved double as its bits (`store i64 4603300315921224040`) and writes
/// zeros of several doubles as one wide integer. As a float store its
/// reverse clears the shadow of the bytes it overwrites, which otherwise
/// keep an adjoint that goes on to whatever was stored there before.
static bool floatStoresOfIntegerConstants(Function &F) {
  const DataLayout &DL = F.getDataLayout();
  SmallVector<std::pair<StoreInst *, Type *>, 4> Typed;
  for (Instruction &I : instructions(F))
    if (auto *S = dyn_cast<StoreInst>(&I);
        S && S->isSimple() && isa<Constant>(S->getValueOperand()) &&
        S->getValueOperand()->getType()->isIntOrIntVectorTy())
      if (Type *FT = floatTypeOfMemory(F, S->getPointerOperand())) {
        TypeSize Bits = DL.getTypeSizeInBits(S->getValueOperand()->getType());
        uint64_t Each = DL.getTypeSizeInBits(FT);
        if (Bits.isScalable() || Bits % Each != 0 || !DL.typeSizeEqualsStoreSize(FT))
          continue;
        uint64_t N = Bits / Each;
        Typed.push_back({S, N == 1 ? FT : FixedVectorType::get(FT, N)});
      }
  for (auto [S, T] : Typed) {
    IRBuilder<> B(S);
    StoreInst *FS = B.CreateAlignedStore(B.CreateBitCast(S->getValueOperand(), T),
                                         S->getPointerOperand(), S->getAlign());
    FS->copyMetadata(*S);
    FS->setMetadata(LLVMContext::MD_tbaa, nullptr); // the integer's type is not the float's
    S->eraseFromParent();
  }
  return !Typed.empty();
}

bool integerMovesAsCopies(Function &F, FunctionAnalysisManager &FAM) {
  const DataLayout &DL = F.getDataLayout();
  FAM.invalidate(F, PreservedAnalyses::none());
  BatchAAResults AA(FAM.getResult<AAManager>(F));
  bool Changed = floatAccessesOfTaggedIntegers(F);
  Changed |= floatLoadsOfReinterpretedIntegers(F);
  Changed |= floatStoresOfIntegerConstants(F);
  SmallVector<StoreInst *, 8> Moves;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *S = dyn_cast<StoreInst>(&I);
      auto *L = S ? dyn_cast<LoadInst>(S->getValueOperand()) : nullptr;
      if (!L || !L->getType()->isIntOrIntVectorTy() || !L->isSimple() ||
          !S->isSimple() || L->getParent() != &BB ||
          !DL.typeSizeEqualsStoreSize(L->getType()))
        continue;
      // A move whose address the program computed as an integer element
      // or field (a GEP whose result is an integer) moves an integer. Not
      // a byte offset (i8), the form InstCombine gives every constant
      // offset, into memory of any type.
      auto DeclaredInteger = [](Value *P) {
        auto *G = dyn_cast<GetElementPtrInst>(P);
        Type *T = G ? G->getResultElementType() : nullptr;
        return T && T->isIntOrIntVectorTy() && !T->isIntegerTy(8);
      };
      if (DeclaredInteger(L->getPointerOperand()) || DeclaredInteger(S->getPointerOperand()))
        continue;
      // The copy happens at the store, so the source must still hold the
      // loaded bits there: writes elsewhere in between (InstCombine puts
      // the zeroing of a std::function's storage between the load of a
      // capture and its store) do not matter.
      MemoryLocation Source = MemoryLocation::get(L);
      bool WritesBetween = false;
      for (Instruction *X = L->getNextNode(); X != S && !WritesBetween; X = X->getNextNode())
        WritesBetween = X->mayWriteToMemory() && isModSet(AA.getModRefInfo(X, Source));
      if (!WritesBetween)
        Moves.push_back(S);
    }
  for (StoreInst *S : Moves) {
    auto *L = cast<LoadInst>(S->getValueOperand());
    IRBuilder<> B(S);
    uint64_t Bytes = DL.getTypeStoreSize(L->getType());
    CallInst *Copy = B.CreateMemCpy(S->getPointerOperand(), S->getAlign(), L->getPointerOperand(),
                                    L->getAlign(), B.getInt64(Bytes));
    Copy->setDebugLoc(S->getDebugLoc());
    MDNode *Tag = S->getMetadata(LLVMContext::MD_tbaa);
    if (!Tag)
      Tag = L->getMetadata(LLVMContext::MD_tbaa);
    if (Tag) {
      LLVMContext &Ctx = F.getContext();
      Type *I64 = Type::getInt64Ty(Ctx);
      Copy->setMetadata(LLVMContext::MD_tbaa_struct,
                        MDNode::get(Ctx, {ConstantAsMetadata::get(ConstantInt::get(I64, 0)),
                                          ConstantAsMetadata::get(ConstantInt::get(I64, Bytes)),
                                          Tag}));
    }
    S->eraseFromParent();
    // A moved value may also be used (InstCombine turns a memmove of one
    // double into an i64 move whose value is bitcast back): those uses keep
    // the load, and the copy carries the move's derivative.
    if (L->use_empty())
      L->eraseFromParent();
  }
  FAM.invalidate(F, PreservedAnalyses::none());
  return Changed || !Moves.empty();
}

void moveBody(Function &From, Function &To, ArrayRef<Value *> NewArgs) {
  To.splice(To.end(), &From);
  for (Argument &A : From.args())
    A.replaceAllUsesWith(NewArgs[A.getArgNo()]);
  if (DISubprogram *SP = From.getSubprogram()) {
    From.setSubprogram(nullptr);
    To.setSubprogram(SP);
  }
  From.eraseFromParent();
}

} // namespace adjoint
