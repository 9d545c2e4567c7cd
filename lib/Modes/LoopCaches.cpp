//===- Modes/LoopCaches.cpp - records of counted loops in arrays ----------===//
//
/// \file
/// GradientBuilder's counted loops. A loop whose trip count ScalarEvolution
/// computes from values known when the loop is entered, and which leaves
/// through one edge, needs no stack for its records: at the entry of the
/// outermost such loop around it (the root of a nest whose inner trip
/// counts are known there too) one array per block with a record is
/// reserved on the tape, trip count x record size, and iteration i writes
/// its record at index i (the linear index across the nest). The reverse
/// pass counts iterations down from the trip count, so it also knows how
/// the header was entered without saving it. Exits that never return (a
/// bounds-check panic) do not count. Everything else (while loops, early
/// exits, trip counts that change inside the nest) uses the stack.
//
//===----------------------------------------------------------------------===//
#include "Modes/GradientBuilder.h"
#include "Support/LLVMCompat.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include <functional>

using namespace llvm;

namespace adjoint {

/// Whether the function never returns once control reaches \p BB: every
/// path ends in `unreachable` or `resume` (a panic, an abort, a failed
/// assertion). Looked for a few blocks deep.
static bool neverReturns(const BasicBlock *BB) {
  SmallVector<const BasicBlock *, 8> Work{BB};
  SmallPtrSet<const BasicBlock *, 8> Seen{BB};
  while (!Work.empty()) {
    const Instruction *T = Work.pop_back_val()->getTerminator();
    if (isa<ReturnInst>(T) || Seen.size() > 16)
      return false;
    for (const BasicBlock *S : successors(T))
      if (Seen.insert(S).second)
        Work.push_back(S);
  }
  return true;
}

/// The edge \p L leaves through toward a return, as {exiting, exit} blocks,
/// when there is one; null blocks otherwise. Exits that never return
/// (Rust's bounds-check panics, failed assertions) do not count: if one is
/// taken, the reverse pass never runs.
static std::pair<BasicBlock *, BasicBlock *> normalExit(const Loop &L) {
  SmallVector<std::pair<BasicBlock *, BasicBlock *>, 4> Edges;
  L.getExitEdges(Edges);
  std::pair<BasicBlock *, BasicBlock *> Normal{nullptr, nullptr};
  for (auto Edge : Edges) {
    if (neverReturns(Edge.second))
      continue;
    if (Normal.first)
      return {nullptr, nullptr};
    Normal = {const_cast<BasicBlock *>(Edge.first), Edge.second};
  }
  return Normal;
}

/// Why \p L, which leaves toward a return through \p Exiting and \p Exit
/// (nulls: through several edges), cannot index its records by iteration,
/// or empty.
static std::string whyNotCounted(Loop &L, BasicBlock *Exiting, BasicBlock *Exit,
                                 ScalarEvolution &SE) {
  if (!L.getLoopPreheader() || !L.getLoopLatch())
    return "it has several entry edges or several back edges";
  if (!Exiting || Exit->getUniquePredecessor() != Exiting ||
      (L.getParentLoop() && !L.getParentLoop()->contains(Exit)))
    return "it can leave from several places (break, early return), so its iterations are "
           "known only at the end";
  if (isa<SCEVCouldNotCompute>(SE.getExitCount(&L, Exiting)))
    return "its trip count is not known when it starts";
  return "";
}

GradientBuilder::CountedLoop *GradientBuilder::countedLoopOf(BasicBlock *BB) const {
  Loop *L = LI.getLoopFor(BB);
  auto It = L ? Counted.find(L) : Counted.end();
  return It == Counted.end() ? nullptr : It->second.get();
}

ScalarEvolution &GradientBuilder::scalarEvolution() {
  if (!SE) {
    TLII = std::make_unique<TargetLibraryInfoImpl>(Triple(F.getParent()->getTargetTriple()));
    TLI = std::make_unique<TargetLibraryInfo>(*TLII, &F);
    AC = std::make_unique<AssumptionCache>(F);
    SE = std::make_unique<ScalarEvolution>(F, *TLI, *AC, DT, LI);
  }
  return *SE;
}

AllocaInst *GradientBuilder::intSlot(const Twine &Name) {
  IRBuilder<> EB(&Rev.getEntryBlock(), Rev.getEntryBlock().begin());
  return EB.CreateAlloca(EB.getInt64Ty(), nullptr, Name);
}

void GradientBuilder::chooseCountedLoops() {
  ScalarEvolution &SE = scalarEvolution();
  // Without LCSSA phis: they would rewire uses of loop values after the
  // shadows were built, leaving those uses without one.
  adjoint::Expander Expander(SE, F, "trips", /*PreserveLCSSA=*/false);
  Type *I64 = Type::getInt64Ty(F.getContext());
  // Outer loops first: a loop joins its parent's nest when its trip count
  // is known at the nest's entry, else it starts a nest of its own.
  for (Loop *L : LI.getLoopsInPreorder())
    NormalExits[L] = normalExit(*L);
  for (Loop *L : LI.getLoopsInPreorder()) {
    auto [Exiting, Exit] = NormalExits.lookup(L);
    std::string Why = whyNotCounted(*L, Exiting, Exit, SE);
    if (!Why.empty()) {
      NotCounted[L] = Why;
      continue;
    }
    auto C = std::make_unique<CountedLoop>();
    C->L = L;
    const SCEV *BackedgeTaken = SE.getExitCount(L, Exiting);
    CountedLoop *Parent = nullptr;
    if (Loop *PL = L->getParentLoop())
      if (auto It = Counted.find(PL); It != Counted.end())
        Parent = It->second.get();
    Instruction *At = nullptr;
    // A loop joins its parent's nest only when every iteration of the
    // parent enters it: the trip count of a loop that an iteration may skip
    // (a guard such as m > 0 before it) is meaningless there (m - 1 wraps),
    // and the nest's arrays would be sized by it.
    if (Parent && DT.dominates(L->getLoopPreheader(), Parent->L->getLoopLatch())) {
      At = Parent->Root->L->getLoopPreheader()->getTerminator();
      if (SE.isLoopInvariant(BackedgeTaken, Parent->Root->L) &&
          Expander.isSafeToExpandAt(BackedgeTaken, At)) {
        C->Parent = Parent;
        C->Root = Parent->Root;
      }
    }
    if (!C->Root) {
      C->Root = C.get();
      At = L->getLoopPreheader()->getTerminator();
      if (!Expander.isSafeToExpandAt(BackedgeTaken, At)) {
        NotCounted[L] = "its trip count cannot be computed before it starts";
        continue;
      }
    }
    C->Trips = Expander.expandCodeFor(
        SE.getAddExpr(SE.getTruncateOrZeroExtend(BackedgeTaken, I64), SE.getOne(I64)), I64,
        At);
    BasicBlock *Header = L->getHeader(), *Latch = L->getLoopLatch();
    if (isa<Instruction>(C->Trips) && !C->Trips->hasName())
      C->Trips->setName(Header->getName() + ".trips");
    C->Iteration = PHINode::Create(I64, 2, "iteration", Header->begin());
    auto *Next = BinaryOperator::CreateNUWAdd(C->Iteration, ConstantInt::get(I64, 1),
                                              "iteration.next", Latch->getTerminator()->getIterator());
    for (BasicBlock *P : predecessors(Header))
      C->Iteration->addIncoming(P == Latch ? static_cast<Value *>(Next) : ConstantInt::get(I64, 0),
                                P);
    for (PHINode &P : Header->phis()) {
      auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(&P));
      if (!P.getType()->isIntegerTy() || P.getType()->getIntegerBitWidth() > 64 || !AR ||
          AR->getLoop() != L || !AR->isAffine())
        continue;
      auto *Start = dyn_cast<SCEVConstant>(AR->getStart());
      auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
      if (Start && Step)
        Counters[&P] = {C.get(), Start->getAPInt().getSExtValue(),
                        Step->getAPInt().getSExtValue()};
    }
    C->ReverseIteration = intSlot(Header->getName() + ".iteration");
    CountedOrder.push_back(C.get());
    Counted[L] = std::move(C);
  }
}

/// At each root's preheader: one array per block of the nest with a
/// record, trip counts x record bytes, reserved on the tape together. The
/// root's exit hands the reverse loop the trip counts and where the arrays
/// are.
void GradientBuilder::reserveLoopArrays(CountedLoop &Root) {
  for (CountedLoop *C : CountedOrder)
    if (C->Root == &Root)
      handOffSlot(Root.L, C->Trips);
  IRBuilder<> PB(Root.L->getLoopPreheader()->getTerminator());
  std::function<Value *(CountedLoop &)> iterations = [&](CountedLoop &C) -> Value * {
    return C.Parent ? PB.CreateNUWMul(iterations(*C.Parent), C.Trips) : C.Trips;
  };
  SmallVector<Value *, 8> Starts;
  Value *Total = PB.getInt64(0);
  for (BasicBlock *BB : Blocks) {
    CountedLoop *C = countedLoopOf(BB);
    Record &R = Records[BB];
    if (!C || C->Root != &Root || !R.Bytes)
      continue;
    Root.RecordBlocks.push_back(BB);
    Starts.push_back(Total);
    Total = PB.CreateNUWAdd(Total, PB.CreateNUWMul(iterations(*C), PB.getInt64(R.Bytes)));
  }
  if (Root.RecordBlocks.empty())
    return;
  Root.RegionOffset = TheTape.reserve(PB, Total);
  handOffSlot(Root.L, Root.RegionOffset);
  for (auto [BB, Start] : zip(Root.RecordBlocks, Starts)) {
    Record &R = Records[BB];
    R.ArrayOffset = PB.CreateNUWAdd(Root.RegionOffset, Start, BB->getName() + ".array");
    handOffSlot(Root.L, R.ArrayOffset);
  }
}

Value *GradientBuilder::forwardIndex(CountedLoop &C) {
  if (!C.Parent)
    return C.Iteration;
  return B.CreateNUWAdd(B.CreateNUWMul(forwardIndex(*C.Parent), C.Trips), C.Iteration);
}

Value *GradientBuilder::reverseIndex(CountedLoop &C) {
  Value *I = B.CreateLoad(B.getInt64Ty(), C.ReverseIteration);
  if (!C.Parent)
    return I;
  return B.CreateNUWAdd(
      B.CreateNUWMul(reverseIndex(*C.Parent), handedIn(C.Root->L, C.Trips)), I);
}

Value *GradientBuilder::recordAddress(BasicBlock &BB, bool Forward) {
  CountedLoop &C = *countedLoopOf(&BB);
  Record &R = Records[&BB];
  Value *Base = Forward ? TheTape.forwardBase(B) : TheTape.reverseBase(B);
  Value *Start = Forward ? R.ArrayOffset : handedIn(C.Root->L, R.ArrayOffset);
  Value *Index = Forward ? forwardIndex(C) : reverseIndex(C);
  return B.CreateGEP(B.getInt8Ty(), Base,
                     B.CreateNUWAdd(Start, B.CreateNUWMul(Index, B.getInt64(R.Bytes))),
                     "record");
}

/// In the reverse of a block that a counted loop exits to, before the
/// reverse pass enters the loop (and after the root's exit handed over the
/// trip counts): the loop starts counting down from its last iteration.
void GradientBuilder::enterCountedLoops(BasicBlock &BB) {
  for (CountedLoop *C : CountedOrder)
    if (NormalExits.lookup(C->L).second == &BB)
      B.CreateStore(B.CreateSub(handedIn(C->Root->L, C->Trips), B.getInt64(1)),
                    C->ReverseIteration);
}

/// The block a loop leaves to, when it leaves through one edge (not
/// counting exits that never return) into a block outside every loop it is
/// in; null otherwise.
BasicBlock *GradientBuilder::handOffExit(const Loop *L) const {
  BasicBlock *Exit = NormalExits.lookup(L).second;
  BasicBlock *From = Exit ? Exit->getUniquePredecessor() : nullptr;
  if (!From || !L->contains(From) || (L->getParentLoop() && !L->getParentLoop()->contains(Exit)))
    return nullptr;
  return Exit;
}

/// A value \p V that block \p BB's reverse reads and that is fixed while a
/// loop around BB runs (defined before it, e.g. an outer loop's phi) need
/// not be saved at every iteration: the exit block of the outermost such
/// loop saves it once and hands it to the reverse loop through a slot.
Loop *GradientBuilder::handOffLoop(Instruction &V, BasicBlock &BB) const {
  Loop *Best = nullptr;
  for (Loop *L = LI.getLoopFor(&BB); L && !L->contains(V.getParent()); L = L->getParentLoop())
    if (BasicBlock *Exit = handOffExit(L); Exit && DT.dominates(V.getParent(), Exit))
      Best = L;
  return Best;
}

AllocaInst *GradientBuilder::handOffSlot(const Loop *L, Value *V) {
  AllocaInst *&Slot = HandOffSlots[{L, V}];
  if (!Slot) {
    Slot = IRBuilder<>(&Rev.getEntryBlock(), Rev.getEntryBlock().begin())
               .CreateAlloca(V->getType(), nullptr, V->getName() + ".handed");
    HandedValues[L].insert(V);
  }
  return Slot;
}

Value *GradientBuilder::handedIn(const Loop *L, Value *V) {
  return B.CreateLoad(V->getType(), HandOffSlots.lookup({L, V}), V->getName() + ".handed");
}

/// In the reverse of a loop's exit block, before the reverse loop: the
/// values its blocks read, into their slots.
void GradientBuilder::handOffValues(BasicBlock &Exit) {
  for (auto &[L, Values] : HandedValues)
    if (handOffExit(L) == &Exit)
      for (Value *V : Values)
        B.CreateStore(primal(V), HandOffSlots.lookup({L, V}));
}

/// An induction variable at the iteration the reverse pass is at.
Value *GradientBuilder::counterInReverse(PHINode &P) {
  const Counter &K = Counters.find(&P)->second;
  Value *I = B.CreateLoad(B.getInt64Ty(), K.Loop->ReverseIteration);
  Value *V = B.CreateAdd(B.getInt64(K.Start), B.CreateMul(B.getInt64(K.Step), I));
  return B.CreateTrunc(V, P.getType(), P.getName() + ".rev");
}

/// The reverse of a counted loop's header came from the preheader at
/// iteration 0 and from the latch otherwise.
Value *GradientBuilder::countedCameFrom(BasicBlock &BB) {
  CountedLoop *C = countedLoopOf(&BB);
  if (!C || C->L->getHeader() != &BB)
    return nullptr;
  SmallVector<BasicBlock *, 4> Preds = uniquePredecessors(&BB);
  unsigned FromPreheader = find(Preds, C->L->getLoopPreheader()) - Preds.begin();
  unsigned FromLatch = find(Preds, C->L->getLoopLatch()) - Preds.begin();
  Value *First = B.CreateICmpEQ(B.CreateLoad(B.getInt64Ty(), C->ReverseIteration),
                                B.getInt64(0));
  return B.CreateSelect(First, B.getInt32(FromPreheader), B.getInt32(FromLatch));
}

/// At the end of a reverse block: a header steps to the previous
/// iteration; a root's preheader releases the arrays (above its own record
/// on the tape, which is already popped).
void GradientBuilder::leaveCountedBlock(BasicBlock &BB) {
  if (CountedLoop *C = countedLoopOf(&BB); C && C->L->getHeader() == &BB)
    B.CreateStore(B.CreateSub(B.CreateLoad(B.getInt64Ty(), C->ReverseIteration),
                              B.getInt64(1)),
                  C->ReverseIteration);
  for (CountedLoop *C : CountedOrder)
    if (C->Root == C && C->RegionOffset && C->L->getLoopPreheader() == &BB)
      TheTape.popTo(B, handedIn(C->L, C->RegionOffset));
}

} // namespace adjoint
