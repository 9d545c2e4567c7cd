//===- Modes/GradientBuilder.h - adjoints of one function -------*- C++ -*-===//
//
/// \file
/// Private to reverse mode (GradientBuilder.cpp: analysis, forward and
/// reverse passes; GradientRules.cpp: the reverse of each instruction
/// family). A GradientBuilder turns a gradient function's
/// body (a clone of the primal) into forward pass + reverse pass:
///  - forward: the primal, shadow pointers beside duplicated ones, and at
///    the end of each block a tape record with what its reverse block needs
///    (values not otherwise available there, the predecessor it came from);
///  - reverse: one block per forward block, CFG edges reversed; each visits
///    its active instructions last to first and adds adjoint * partial into
///    the operands' adjoints (stack slots that mem2reg promotes to SSA).
/// A value defined outside loops in a block that dominates the return is
/// read directly; everything else comes from the tape.
///
/// Split form: the reverse blocks go into a separate reverse function.
/// Values read directly there come from one final tape record pushed at
/// the return and popped first; shadows of locals live on the heap until
/// the reverse function frees them.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_GRADIENTBUILDER_H
#define ADJOINT_MODES_GRADIENTBUILDER_H

#include "Analysis/Activity.h"
#include "Analysis/KnownFunctions.h"
#include "Modes/DerivativeSet.h"
#include "Modes/Tape.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstVisitor.h"
#include <memory>
#include <optional>
#include <string>

namespace llvm {
class MemTransferInst;
} // namespace llvm

namespace adjoint {

struct Rule;

/// X + Y over the float parts of floats, vectors and aggregates.
llvm::Value *addValues(llvm::IRBuilderBase &B, llvm::Value *X, llvm::Value *Y);

class GradientBuilder : public llvm::InstVisitor<GradientBuilder> {
public:
  /// Builds \p Gradient (a clone of the primal with one return) into the
  /// combined gradient or, given \p Reverse, into the augmented forward
  /// function whose reverse pass goes into \p Reverse.
  GradientBuilder(DerivativeSet &Set, llvm::Function &Gradient, const DerivativeKey &Key,
                  llvm::Function *Reverse = nullptr);
  bool run();

  // Reverse of one forward instruction; the builder is in its reverse block.
  void visitInstruction(llvm::Instruction &I);
  void visitBinaryOperator(llvm::BinaryOperator &I);
  void visitUnaryOperator(llvm::UnaryOperator &I);
  void visitCastInst(llvm::CastInst &I);
  void visitSelectInst(llvm::SelectInst &I);
  void visitFreezeInst(llvm::FreezeInst &I);
  void visitExtractElementInst(llvm::ExtractElementInst &I);
  void visitInsertElementInst(llvm::InsertElementInst &I);
  void visitShuffleVectorInst(llvm::ShuffleVectorInst &I);
  void visitExtractValueInst(llvm::ExtractValueInst &I);
  void visitInsertValueInst(llvm::InsertValueInst &I);
  void visitLoadInst(llvm::LoadInst &I);
  void visitStoreInst(llvm::StoreInst &I);
  void visitCallInst(llvm::CallInst &I);

private:
  // Analysis.
  void computeUseful();
  bool isActive(llvm::Value *V) const;
  bool hasReverse(llvm::Instruction &I) const;
  // Copies (MemoryCopies.cpp).
public:
  /// What a copy moves: float and pointer fields (offset, type) of a
  /// pattern that repeats every Period bytes.
  struct CopyLayout {
    uint64_t Period = 0;
    llvm::SmallVector<std::pair<uint64_t, llvm::Type *>, 4> Fields;
    /// No layout is known, but the source is never accessed after the copy
    /// (realloc's): its shadow's bytes move whole, forward and back.
    bool Moved = false;
  };

private:
  const CopyLayout *copyLayout(llvm::MemTransferInst &MT) const;
  std::optional<CopyLayout> layoutOfAccessedStruct(llvm::MemTransferInst &MT) const;
  bool mayHoldFloats(const llvm::Value *Obj) const;
  bool seenThrough(const llvm::CallBase &CB) const;
  llvm::Type *accessedType(llvm::Value *Ptr) const;
  void mirrorPointerCopies();
  void reverseCopy(llvm::MemTransferInst &MT);
  bool checkSupported();
  bool availableInReverse(llvm::Value *V) const;
  /// \p BB's predecessors, each once, in a fixed order: the indices a
  /// came.from value numbers.
  static llvm::SmallVector<llvm::BasicBlock *, 4> uniquePredecessors(llvm::BasicBlock *BB);
  /// The allocating invoke whose normal destination is \p BB, if any.
  llvm::InvokeInst *invokeAllocationBefore(llvm::BasicBlock &BB) const;
  bool isCheapToRecompute(llvm::Value *V, unsigned Depth) const;
  struct Record;
  bool isCheaperToRebuild(llvm::Instruction &I, const Record &R) const;
  void computeWrittenMemory();
  bool isReadOnlyDuringGradient(llvm::LoadInst &L) const;
  bool mayEscape(const llvm::Value *Obj) const;
  void reverseNeeds(llvm::Instruction &I, llvm::SmallVectorImpl<llvm::Value *> &Needs);

  // Calls that stay calls (Calls.cpp): the callee's augmented forward
  // function in the forward pass, its reverse function in the reverse pass.
  struct CallPlan;
  static bool keepsCall(const llvm::CallBase &CB);
  void planCalls();
  void emitAugmentedCalls();
  void reverseCall(llvm::CallInst &I, CallPlan &P);
  void finishCalls();

  // Heap allocations (Allocations.cpp): shadow blocks, frees moved to the
  // reverse of the allocation.
  static bool isAllocation(const llvm::CallBase &CB);
  static bool isFree(const llvm::CallBase &CB);
  void planFrees();
  bool allocationHasReverse(llvm::CallBase &CB) const;
  void allocationNeeds(llvm::CallBase &CB, llvm::SmallVectorImpl<llvm::Value *> &Needs);
  void reverseAllocation(llvm::CallBase &CB);
  void freeLike(llvm::CallBase &CB, llvm::Value *Block);
  void removeMovedFrees();
  void lateFreeNeeds(llvm::CallBase &Free, llvm::SmallVectorImpl<llvm::Value *> &Needs);
  void reverseLateFree(llvm::CallBase &Free);
  void freeLateBlocks();

  // Forward pass.
  void buildShadows();
  llvm::Value *choiceShadow(llvm::Value *V);
  /// \p Here, the value at B of the forward-pass shadow \p S, or, where
  /// \p S may be null (MaybeNullShadows), a scratch location instead when it
  /// is; built at B, in B's function.
  llvm::Value *shadowOrScratch(llvm::Value *S, llvm::Value *Here, llvm::Type *Accessed);
  bool mayBeNullShadow(llvm::Value *S) const { return S && MaybeNullShadows.contains(S); }
  void checkNullableShadowUses();
  void planRecord(llvm::BasicBlock &BB, llvm::ArrayRef<llvm::Value *> Extra = {});
  void emitRecord(llvm::BasicBlock &BB);
  void explainRecord(llvm::BasicBlock &BB, const Record &R);

  // Vector loads whose adjoints go into the shadow lane by lane
  // (GradientRules.cpp).
  void chooseLaneAccumulations();
  llvm::SmallPtrSet<const llvm::LoadInst *, 8> LaneAccumulated;

  // Counted loops (LoopCaches.cpp): records in arrays indexed by iteration.
  struct CountedLoop;
  /// Each loop's one edge toward a return, {exiting, exit} (exits that never
  /// return not counted), or nulls: found before the primal is changed.
  llvm::DenseMap<const llvm::Loop *, std::pair<llvm::BasicBlock *, llvm::BasicBlock *>>
      NormalExits;
  void chooseCountedLoops();
  void reserveLoopArrays(CountedLoop &Root);
  llvm::Value *forwardIndex(CountedLoop &C);
  llvm::Value *reverseIndex(CountedLoop &C);
  CountedLoop *countedLoopOf(llvm::BasicBlock *BB) const;
  llvm::Value *recordAddress(llvm::BasicBlock &BB, bool Forward);
  void enterCountedLoops(llvm::BasicBlock &BB);
  llvm::Value *countedCameFrom(llvm::BasicBlock &BB);
  void leaveCountedBlock(llvm::BasicBlock &BB);
  // Values a loop's blocks read that are fixed while the loop runs.
  llvm::BasicBlock *handOffExit(const llvm::Loop *L) const;
  llvm::Loop *handOffLoop(llvm::Instruction &V, llvm::BasicBlock &BB) const;
  void handOffValues(llvm::BasicBlock &Exit);
  /// The reverse slot through which \p L's exit hands \p V to L's reverse.
  llvm::AllocaInst *handOffSlot(const llvm::Loop *L, llvm::Value *V);
  /// \p V as handed in by \p L's exit, in the current reverse block.
  llvm::Value *handedIn(const llvm::Loop *L, llvm::Value *V);
  llvm::AllocaInst *intSlot(const llvm::Twine &Name);

  // Reverse pass.
  void reverseBlock(llvm::BasicBlock &BB);
  void reversePhis(llvm::BasicBlock &BB, llvm::Value *CameFrom);
  void reverseRule(const Rule &R, llvm::Instruction &I, llvm::ArrayRef<llvm::Value *> Args);
  /// The value of forward \p V in the current reverse block.
  llvm::Value *primal(llvm::Value *V);
  /// Split form: \p I (available in reverse) as read from the final record.
  llvm::Value *finalValue(llvm::Instruction *I);
  void finishSplit(llvm::ReturnInst *Return);
  /// Takes the adjoint of \p I (and zeroes its slot for the next use).
  llvm::Value *takeAdjoint(llvm::Value *V);
  void addAdjoint(llvm::Value *V, llvm::Value *Delta);
  llvm::AllocaInst *slot(llvm::Value *V);
  void fail(llvm::Instruction &At, const llvm::Twine &Why);

  DerivativeSet &Set;
  llvm::Function &F;   ///< the forward pass (the whole gradient when combined)
  llvm::Function &Rev; ///< where the reverse blocks go (F when combined)
  const bool Split;
  const DerivativeKey Key;
  ActivityInfo Varied;
  llvm::DenseSet<llvm::Value *> Useful;
  /// Locals (not escaping) the primal writes, and whether it writes anything else.
  llvm::SmallPtrSet<const llvm::Value *, 8> WrittenLocals;
  mutable llvm::DenseMap<const llvm::Value *, bool> Escapes; ///< memo of mayEscape
  bool AnyMemoryWritten = false;
  llvm::DominatorTree DT;
  llvm::LoopInfo LI;
  /// ScalarEvolution over F, built on first use and shared by every phase
  /// that asks (lane accumulations, counted loops).
  llvm::ScalarEvolution &scalarEvolution();
  std::unique_ptr<llvm::TargetLibraryInfoImpl> TLII;
  std::unique_ptr<llvm::TargetLibraryInfo> TLI;
  std::unique_ptr<llvm::AssumptionCache> AC;
  std::unique_ptr<llvm::ScalarEvolution> SE;
  llvm::SmallVector<llvm::BasicBlock *, 16> Blocks;     ///< forward, in RPO
  llvm::ReturnInst *Return = nullptr; ///< the one return, if any
  /// Where the reverse pass starts: seeds the result's adjoint (and in the
  /// split form takes over the tape and pops the final record).
  llvm::BasicBlock *ReverseEntry = nullptr;
  llvm::DenseMap<llvm::BasicBlock *, llvm::BasicBlock *> ReverseOf;
  /// Where the reverse of the entry block ends: collects the results.
  llvm::BasicBlock *GradientReturn = nullptr;
  llvm::DenseMap<llvm::Value *, llvm::Value *> Shadow;  ///< forward shadow pointers
  /// Shadows that are null at run time when their pointer points into
  /// memory without derivatives: a pointer without a shadow (into an
  /// enzyme_const argument, say) stored into memory with one and loaded
  /// back, and what is derived from it. Accesses through them go to a
  /// scratch location instead (reads give zero, adjoints are dropped).
  llvm::DenseSet<llvm::Value *> MaybeNullShadows;
  /// The primal values whose shadow may be null (ActivityInfo::nullableShadows).
  NullableShadows Nullable;
  llvm::DenseMap<llvm::Function *, llvm::AllocaInst *> Scratch;
  llvm::DenseMap<llvm::Value *, llvm::AllocaInst *> Slots;
  /// Per forward block: the values its record holds, in order, and their
  /// offsets; the predecessor index (i32) comes last when there is one.
  struct Record {
    llvm::SmallVector<llvm::Value *, 8> Values;
    llvm::SmallVector<uint64_t, 8> Offsets;
    llvm::Value *CameFrom = nullptr; ///< forward phi of predecessor indices
    /// Cheap values rebuilt in the reverse block from saved or available
    /// operands instead of being saved (addresses, integer index math).
    llvm::SmallVector<llvm::Instruction *, 8> Recomputed;
    uint64_t Bytes = 0;
    /// In a counted loop: where this block's array starts (an offset on
    /// the tape; the root's exit hands it to the reverse loop).
    llvm::Value *ArrayOffset = nullptr;
    /// Induction variables of counted loops around the block, rebuilt from
    /// the reverse pass's iteration count instead of being saved.
    llvm::SmallVector<llvm::PHINode *, 4> Counters;
    /// Values fixed while a loop around the block runs, handed to the
    /// reverse loop through a slot by the loop's exit block.
    llvm::SmallVector<std::pair<llvm::Value *, llvm::AllocaInst *>, 4> HandedIn;
  };
  /// A loop whose trip count is known when it is entered and that leaves
  /// through one edge. Its blocks write their records into arrays indexed
  /// by iteration, reserved on the tape at the entry of the outermost such
  /// loop around it (the root); the reverse pass counts iterations down
  /// instead of recording which way the header was entered.
  struct CountedLoop {
    llvm::Loop *L;
    CountedLoop *Parent = nullptr; ///< enclosing loop of the same nest
    CountedLoop *Root = nullptr;
    llvm::Value *Trips = nullptr;            ///< forward, at the root's preheader
    llvm::PHINode *Iteration = nullptr;      ///< forward: 0, 1, ... in the header
    llvm::AllocaInst *ReverseIteration = nullptr; ///< reverse: counts down
    llvm::Value *RegionOffset = nullptr;     ///< root: where its arrays start
    llvm::SmallVector<llvm::BasicBlock *, 8> RecordBlocks; ///< root: blocks with arrays
  };
  struct CallPlan {
    llvm::Function *Augmented = nullptr, *Reverse = nullptr;
    std::string Activity;              ///< GradientActivity letters
    llvm::Value *Tape = nullptr;       ///< forward: the callee's tape
    llvm::Value *Result = nullptr;     ///< forward: the callee's result
  };
  llvm::MapVector<llvm::CallInst *, CallPlan> CallPlans;
  /// Allocations the function frees, and those frees, which move to the
  /// reverse pass.
  llvm::SmallPtrSet<llvm::CallBase *, 4> FreedAllocations;
  llvm::SetVector<llvm::CallBase *> MovedFrees;
  /// Frees whose block's end waits for the gradient's return, and the list
  /// (in the reverse function) of blocks and shadows to free there.
  llvm::SmallPtrSet<llvm::CallBase *, 4> LateFrees;
  /// Allocations of this function whose shadow a late free frees: their
  /// own reverse must not free it too.
  llvm::SmallPtrSet<llvm::CallBase *, 4> ShadowFreedLate;
  llvm::MapVector<llvm::Value *, std::unique_ptr<Tape>> FreeLists; ///< per free function
  /// The element type each copy moves (float, pointer), or null: unknown.
  mutable llvm::DenseMap<llvm::MemTransferInst *, std::optional<CopyLayout>> CopyLayouts;
  llvm::DenseMap<const llvm::Loop *, std::unique_ptr<CountedLoop>> Counted;
  llvm::SmallVector<CountedLoop *, 8> CountedOrder; ///< outer loops first
  /// Integer header phis of counted loops that step by a constant from a
  /// constant: start + step * iteration.
  struct Counter {
    CountedLoop *Loop;
    int64_t Start, Step;
  };
  llvm::DenseMap<const llvm::PHINode *, Counter> Counters;
  /// Per loop with one exit edge: the values it hands in, and their slots.
  llvm::MapVector<const llvm::Loop *, llvm::SetVector<llvm::Value *>> HandedValues;
  llvm::DenseMap<std::pair<const llvm::Loop *, llvm::Value *>, llvm::AllocaInst *> HandOffSlots;
  llvm::Value *counterInReverse(llvm::PHINode &P);
  /// Why a loop with records is not counted (for -adjoint-print-perf).
  llvm::DenseMap<const llvm::Loop *, std::string> NotCounted;
  llvm::DenseMap<llvm::BasicBlock *, Record> Records;
  llvm::DenseMap<llvm::Value *, llvm::Value *> Local; ///< popped values, current block
  /// Split form: the final record's loads in the reverse entry, pointing at
  /// a placeholder until the record's layout is known.
  llvm::MapVector<llvm::Instruction *, llvm::LoadInst *> FinalLoads;
  llvm::Instruction *FinalRecordAt = nullptr;
  /// Split form: heap shadows of locals, freed when the reverse pass ends.
  llvm::SmallVector<llvm::Value *, 4> HeapShadows;
  Tape TheTape;
  llvm::IRBuilder<> B;
  bool Failed = false;
};

} // namespace adjoint

#endif
