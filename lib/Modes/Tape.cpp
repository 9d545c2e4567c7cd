//===- Modes/Tape.cpp - the reverse pass's value stack --------------------===//
//
/// \file
/// See Tape.h. A push is a call to a small helper that grows the storage
/// when needed; the calls are inlined once the function is complete, so the
/// common path is a compare and an add.
//
//===----------------------------------------------------------------------===//
#include "Modes/Tape.h"

#include "Support/Options.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace adjoint {

/// {ptr base, i64 size, i64 capacity}
static StructType *stateType(LLVMContext &Ctx) {
  return StructType::get(PointerType::getUnqual(Ctx), Type::getInt64Ty(Ctx),
                         Type::getInt64Ty(Ctx));
}

/// {ptr base, i64 capacity}: per thread, the storage of the largest tape
/// released, which the next tape starts in. A tape of tens of megabytes is
/// served by mmap: fresh pages on every gradient call cost more page faults
/// than the gradient's own work. (Per module: each translation unit keeps
/// at most one block per thread.)
static GlobalVariable *getSpareStorage(Module &M) {
  if (GlobalVariable *G = M.getGlobalVariable("adjoint.tape.spare", /*AllowInternal=*/true))
    return G;
  LLVMContext &Ctx = M.getContext();
  auto *Ty = StructType::get(PointerType::getUnqual(Ctx), Type::getInt64Ty(Ctx));
  auto *G = new GlobalVariable(M, Ty, /*isConstant=*/false, GlobalValue::InternalLinkage,
                               Constant::getNullValue(Ty), "adjoint.tape.spare");
  G->setThreadLocal(true);
  return G;
}

/// int dprintf(int fd, const char *format, ...): messages to stderr from
/// generated code, without naming libc's stderr object.
static FunctionCallee getDprintf(Module &M) {
  LLVMContext &Ctx = M.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  return M.getOrInsertFunction(
      "dprintf", FunctionType::get(I32, {I32, PointerType::getUnqual(Ctx)}, /*isVarArg=*/true));
}

/// i64 adjoint.tape.peak: the largest tape storage any gradient of this
/// module has grown (bytes, over all threads). With ADJOINT_TAPE_STATS set in
/// the environment, the program prints it at exit.
static GlobalVariable *getTapePeak(Module &M) {
  if (GlobalVariable *G = M.getGlobalVariable("adjoint.tape.peak", /*AllowInternal=*/true))
    return G;
  LLVMContext &Ctx = M.getContext();
  Type *I64 = Type::getInt64Ty(Ctx), *Ptr = PointerType::getUnqual(Ctx);
  auto *Peak = new GlobalVariable(M, I64, /*isConstant=*/false, GlobalValue::InternalLinkage,
                                  ConstantInt::get(I64, 0), "adjoint.tape.peak");
  FunctionCallee Dprintf = getDprintf(M);
  // void adjoint.tape.report(): prints the peak.
  auto *Report = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), false),
                                  GlobalValue::InternalLinkage, "adjoint.tape.report", M);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Report));
  Value *Bytes = B.CreateLoad(I64, Peak);
  B.CreateCall(Dprintf, {B.getInt32(2),
                         B.CreateGlobalStringPtr("adjoint: largest tape storage in " +
                                                 M.getSourceFileName() +
                                                 ": %llu bytes (%.1f MiB)\n"),
                         Bytes, B.CreateFDiv(B.CreateUIToFP(Bytes, B.getDoubleTy()),
                                             ConstantFP::get(B.getDoubleTy(), 1048576.0))});
  B.CreateRetVoid();
  // A constructor registers the report when the environment asks for it.
  auto *Init = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), false),
                                GlobalValue::InternalLinkage, "adjoint.tape.stats", M);
  auto *Entry = BasicBlock::Create(Ctx, "entry", Init);
  auto *Register = BasicBlock::Create(Ctx, "register", Init);
  auto *Done = BasicBlock::Create(Ctx, "done", Init);
  B.SetInsertPoint(Entry);
  Value *Env = B.CreateCall(M.getOrInsertFunction("getenv", Ptr, Ptr),
                            {B.CreateGlobalStringPtr("ADJOINT_TAPE_STATS")});
  B.CreateCondBr(B.CreateIsNull(Env), Done, Register);
  B.SetInsertPoint(Register);
  B.CreateCall(M.getOrInsertFunction("atexit", Type::getInt32Ty(Ctx), Ptr), {Report});
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();
  appendToGlobalCtors(M, Init, 65535);
  return Peak;
}

/// void adjoint.tape.exhausted(i64 bytes): the tape could not grow to
/// `bytes`; says so and aborts (a gradient cannot go on without its tape).
static Function *getExhaustedHelper(Module &M) {
  if (Function *F = M.getFunction("adjoint.tape.exhausted"))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *I64 = Type::getInt64Ty(Ctx);
  auto *F = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), {I64}, false),
                             GlobalValue::InternalLinkage, "adjoint.tape.exhausted", M);
  F->addFnAttr(Attribute::NoReturn);
  F->addFnAttr(Attribute::Cold);
  F->addFnAttr(Attribute::NoInline);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  FunctionCallee Dprintf = getDprintf(M);
  B.CreateCall(Dprintf,
               {B.getInt32(2),
                B.CreateGlobalStringPtr(
                    "adjoint: out of memory: the tape of a gradient (the values its reverse "
                    "pass needs) could not grow to %llu bytes; reduce the problem size, or "
                    "split the computation into several gradients (" +
                    M.getSourceFileName() + ")\n"),
                F->getArg(0)});
  B.CreateCall(M.getOrInsertFunction("abort", Type::getVoidTy(Ctx)));
  B.CreateUnreachable();
  return F;
}

/// ptr adjoint.tape.push(ptr state, i64 bytes): the address of `bytes` new
/// bytes at the top, growing the storage to max(2 capacity, need, 64 bytes);
/// a tape without storage yet first takes the thread's spare storage. The
/// floor is small because a call kept as a call (recursion, a call through
/// a pointer) has a tape of its own, alive until the reverse pass: a loop
/// of such calls holds one per iteration.
static Function *getPushHelper(Module &M) {
  if (Function *F = M.getFunction("adjoint.tape.push"))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx), *I64 = Type::getInt64Ty(Ctx);
  auto *F = Function::Create(FunctionType::get(Ptr, {Ptr, I64}, false),
                             GlobalValue::InternalLinkage, "adjoint.tape.push", M);
  F->addFnAttr(Attribute::NoUnwind);
  StructType *ST = stateType(Ctx);
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Grow = BasicBlock::Create(Ctx, "grow", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  Value *State = F->getArg(0), *Bytes = F->getArg(1);
  Value *BaseP = B.CreateStructGEP(ST, State, 0), *SizeP = B.CreateStructGEP(ST, State, 1),
        *CapP = B.CreateStructGEP(ST, State, 2);
  Value *Size = B.CreateLoad(I64, SizeP), *Cap = B.CreateLoad(I64, CapP);
  Value *Need = B.CreateAdd(Size, Bytes);
  B.CreateStore(Need, SizeP);
  B.CreateCondBr(B.CreateICmpUGT(Need, Cap), Grow, Done);

  B.SetInsertPoint(Grow);
  if (reuseTapeStorage()) {
    auto *TakeSpare = BasicBlock::Create(Ctx, "take.spare", F);
    auto *Realloc = BasicBlock::Create(Ctx, "realloc", F);
    Value *Empty = B.CreateIsNull(B.CreateLoad(Ptr, BaseP));
    B.CreateCondBr(Empty, TakeSpare, Realloc);
    B.SetInsertPoint(TakeSpare);
    GlobalVariable *Spare = getSpareStorage(M);
    Type *SpareTy = Spare->getValueType();
    Value *SpareBase = B.CreateLoad(Ptr, B.CreateStructGEP(SpareTy, Spare, 0));
    Value *SpareCap = B.CreateLoad(I64, B.CreateStructGEP(SpareTy, Spare, 1));
    B.CreateStore(Constant::getNullValue(SpareTy), Spare);
    B.CreateStore(SpareBase, BaseP);
    B.CreateStore(SpareCap, CapP);
    B.CreateCondBr(B.CreateICmpULE(Need, SpareCap), Done, Realloc);
    B.SetInsertPoint(Realloc);
    Cap = B.CreateLoad(I64, CapP);
  }
  Value *NewCap = B.CreateBinaryIntrinsic(
      Intrinsic::umax, B.CreateBinaryIntrinsic(Intrinsic::umax, B.CreateShl(Cap, 1), Need),
      B.getInt64(64));
  FunctionCallee Realloc = M.getOrInsertFunction("realloc", Ptr, Ptr, I64);
  // A size that wrapped around is as impossible as one malloc refuses.
  auto *Grown = BasicBlock::Create(Ctx, "grown", F);
  auto *Exhausted = BasicBlock::Create(Ctx, "exhausted", F);
  Value *NewBase = B.CreateCall(Realloc, {B.CreateLoad(Ptr, BaseP), NewCap});
  B.CreateCondBr(B.CreateOr(B.CreateIsNull(NewBase), B.CreateICmpULT(Need, Size)), Exhausted,
                 Grown);
  B.SetInsertPoint(Exhausted);
  B.CreateCall(getExhaustedHelper(M), {Need});
  B.CreateUnreachable();
  B.SetInsertPoint(Grown);
  B.CreateStore(NewBase, BaseP);
  B.CreateStore(NewCap, CapP);
  B.CreateAtomicRMW(AtomicRMWInst::UMax, getTapePeak(M), NewCap, MaybeAlign(8),
                    AtomicOrdering::Monotonic);
  B.CreateBr(Done);

  B.SetInsertPoint(Done);
  Value *Base = B.CreateLoad(Ptr, BaseP);
  B.CreateRet(B.CreateGEP(B.getInt8Ty(), Base, Size));
  return F;
}

/// The size of the split form's header: the size the forward pass left.
static constexpr uint64_t HeaderBytes = 8;

Tape::Tape(Function &F, bool Split) : Split(Split) {
  LLVMContext &Ctx = F.getContext();
  IRBuilder<> B(&F.getEntryBlock(), F.getEntryBlock().begin());
  StructType *ST = stateType(Ctx);
  State = ReverseState = B.CreateAlloca(ST, nullptr, "tape");
  B.CreateStore(Constant::getNullValue(ST), State);
  if (Split)
    B.CreateStore(B.getInt64(HeaderBytes), B.CreateStructGEP(ST, State, 1));
}

Value *Tape::finishForward(IRBuilderBase &B) {
  StructType *ST = stateType(B.getContext());
  Value *Base = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(ST, State, 0));
  Value *Size = B.CreateLoad(B.getInt64Ty(), B.CreateStructGEP(ST, State, 1));
  // Nothing pushed: no storage, and the reverse pass pops nothing.
  Function &Fwd = *B.GetInsertBlock()->getParent();
  Value *Dummy = IRBuilder<>(&Fwd.getEntryBlock(), Fwd.getEntryBlock().begin())
                     .CreateAlloca(B.getInt64Ty());
  Value *IsNull = B.CreateICmpEQ(Base, ConstantPointerNull::get(B.getPtrTy()));
  B.CreateStore(Size, B.CreateSelect(IsNull, Dummy, Base));
  return Base;
}

void Tape::startReverse(IRBuilderBase &B, Value *TapePtr) {
  StructType *ST = stateType(B.getContext());
  Function &Rev = *B.GetInsertBlock()->getParent();
  IRBuilder<> EB(&Rev.getEntryBlock(), Rev.getEntryBlock().begin());
  ReverseState = EB.CreateAlloca(ST, nullptr, "tape");
  Value *Header = EB.CreateAlloca(B.getInt64Ty());
  B.CreateStore(B.getInt64(HeaderBytes), Header);
  Value *IsNull = B.CreateICmpEQ(TapePtr, ConstantPointerNull::get(B.getPtrTy()));
  Value *Size = B.CreateLoad(B.getInt64Ty(), B.CreateSelect(IsNull, Header, TapePtr));
  B.CreateStore(Constant::getNullValue(ST), ReverseState);
  B.CreateStore(TapePtr, B.CreateStructGEP(ST, ReverseState, 0));
  B.CreateStore(Size, B.CreateStructGEP(ST, ReverseState, 1));
}

Value *Tape::push(IRBuilderBase &B, uint64_t Bytes) {
  if (!PushFn)
    PushFn = getPushHelper(*B.GetInsertBlock()->getModule());
  CallInst *Call = B.CreateCall(PushFn, {State, B.getInt64(Bytes)}, "record");
  Pushes.push_back(Call);
  return Call;
}

Value *Tape::pop(IRBuilderBase &B, uint64_t Bytes) {
  LLVMContext &Ctx = B.getContext();
  StructType *ST = stateType(Ctx);
  Value *SizeP = B.CreateStructGEP(ST, ReverseState, 1);
  Value *Size = B.CreateSub(B.CreateLoad(B.getInt64Ty(), SizeP), B.getInt64(Bytes));
  B.CreateStore(Size, SizeP);
  Value *Base = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(ST, ReverseState, 0));
  return B.CreateGEP(B.getInt8Ty(), Base, Size, "record");
}

Value *Tape::reserve(IRBuilderBase &B, Value *Bytes) {
  StructType *ST = stateType(B.getContext());
  Value *Offset = B.CreateLoad(B.getInt64Ty(), B.CreateStructGEP(ST, State, 1), "array.offset");
  if (!PushFn)
    PushFn = getPushHelper(*B.GetInsertBlock()->getModule());
  Pushes.push_back(B.CreateCall(PushFn, {State, Bytes}));
  return Offset;
}

Value *Tape::forwardBase(IRBuilderBase &B) {
  return B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(stateType(B.getContext()), State, 0));
}

Value *Tape::reverseBase(IRBuilderBase &B) {
  return B.CreateLoad(B.getPtrTy(),
                      B.CreateStructGEP(stateType(B.getContext()), ReverseState, 0));
}

void Tape::popTo(IRBuilderBase &B, Value *Offset) {
  B.CreateStore(Offset, B.CreateStructGEP(stateType(B.getContext()), ReverseState, 1));
}

Value *Tape::popAll(IRBuilderBase &B) {
  Value *SizeP = B.CreateStructGEP(stateType(B.getContext()), ReverseState, 1);
  Value *Size = B.CreateLoad(B.getInt64Ty(), SizeP);
  B.CreateStore(B.getInt64(0), SizeP);
  return Size;
}

/// void adjoint.tape.release(ptr base): keeps the storage as the thread's
/// spare when it is larger than the spare (which is freed), else frees it.
static Function *getReleaseHelper(Module &M) {
  if (Function *F = M.getFunction("adjoint.tape.release"))
    return F;
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx), *I64 = Type::getInt64Ty(Ctx);
  auto *F = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), {Ptr}, false),
                             GlobalValue::InternalLinkage, "adjoint.tape.release", M);
  F->addFnAttr(Attribute::NoUnwind);
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Some = BasicBlock::Create(Ctx, "some", F);
  auto *Keep = BasicBlock::Create(Ctx, "keep", F);
  auto *Drop = BasicBlock::Create(Ctx, "drop", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  FunctionCallee Free = M.getOrInsertFunction("free", Type::getVoidTy(Ctx), Ptr);
  FunctionCallee UsableSize = M.getOrInsertFunction("malloc_usable_size", I64, Ptr);
  GlobalVariable *Spare = getSpareStorage(M);
  Type *SpareTy = Spare->getValueType();
  Value *Base = F->getArg(0);
  IRBuilder<> B(Entry);
  B.CreateCondBr(B.CreateIsNull(Base), Done, Some);
  B.SetInsertPoint(Some);
  Value *SpareBaseP = B.CreateStructGEP(SpareTy, Spare, 0);
  Value *SpareCapP = B.CreateStructGEP(SpareTy, Spare, 1);
  Value *Cap = B.CreateCall(UsableSize, {Base});
  B.CreateCondBr(B.CreateICmpUGT(Cap, B.CreateLoad(I64, SpareCapP)), Keep, Drop);
  B.SetInsertPoint(Keep);
  B.CreateCall(Free, {B.CreateLoad(Ptr, SpareBaseP)});
  B.CreateStore(Base, SpareBaseP);
  B.CreateStore(Cap, SpareCapP);
  B.CreateBr(Done);
  B.SetInsertPoint(Drop);
  B.CreateCall(Free, {Base});
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();
  return F;
}

void Tape::free(IRBuilderBase &B) {
  if (Pushes.empty() && !Split)
    return; // nothing was ever allocated
  Module &M = *B.GetInsertBlock()->getModule();
  Value *Base = B.CreateLoad(B.getPtrTy(),
                             B.CreateStructGEP(stateType(B.getContext()), ReverseState, 0));
  if (reuseTapeStorage())
    B.CreateCall(getReleaseHelper(M), {Base});
  else
    B.CreateCall(M.getOrInsertFunction("free", B.getVoidTy(), B.getPtrTy()), {Base});
}

void Tape::inlinePushes() {
  for (CallInst *Call : Pushes) {
    InlineFunctionInfo Info;
    InlineFunction(*Call, Info);
  }
  Pushes.clear();
}

} // namespace adjoint
