//===- Modes/DerivativeSet.h - the generated functions of a module -*- C++ -*-===//
//
/// \file
/// What every mode shares: the memo of generated derivative functions (one
/// per primal, activity signature and width, so shared callees and recursion
/// reuse them), the worklist of bodies still to generate, the prepared
/// clones bodies are made from, shadow globals, the call chain each
/// derivative was reached by (for diagnostics), and undoing a failed request.
/// A mode decides signatures and generates bodies; it keeps no other state.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_DERIVATIVESET_H
#define ADJOINT_MODES_DERIVATIVESET_H

#include "Analysis/Activity.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DebugLoc.h"
#include "llvm/IR/PassManager.h"
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class AllocaInst;
class CallBase;
class CallInst;
class AttributeSet;
class IRBuilderBase;
class Function;
class FunctionType;
class GlobalVariable;
class Instruction;
class Module;
} // namespace llvm

namespace adjoint {

class Diagnostics;

/// Tangent: forward mode. Gradient: reverse mode, forward and reverse pass
/// in one function. Augmented + Reverse: the same split in two functions
/// (the forward pass returns its tape, the reverse pass consumes it).
enum class DerivativeKind { Tangent, Gradient, Augmented, Reverse };

/// What identifies one generated function.
struct DerivativeKey {
  DerivativeKind Kind;
  llvm::Function *Primal;
  /// One character per argument (the mode's own letters, e.g. '1' for a
  /// shadowed argument in forward mode).
  std::string Activity;
  unsigned Width = 1;
  /// Its caller may pass shadows that are null (of pointers into
  /// enzyme_const data, say), or memory that holds such shadows: the
  /// derivative guards accesses through its pointer arguments and through
  /// the pointers it loads (ActivityInfo::nullableShadows).
  bool NullShadows = false;
  bool operator<(const DerivativeKey &O) const {
    return std::tie(Kind, Primal, Activity, Width, NullShadows) <
           std::tie(O.Kind, O.Primal, O.Activity, O.Width, O.NullShadows);
  }
};

/// A zeroed shadow of the local \p Local (same type, count and alignment),
/// built at \p B: both modes give every local that can hold derivatives one.
llvm::AllocaInst *createZeroedShadow(llvm::IRBuilderBase &B, llvm::AllocaInst &Local);
/// The same for a heap block: a block from the same allocator call (same
/// arguments), zeroed unless the allocator zeroes (calloc).
llvm::CallInst *createZeroedShadowAllocation(llvm::IRBuilderBase &B, llvm::CallBase &Alloc);

/// Why the call \p CB is undefined behaviour that LLVM's optimizer may
/// delete without a trace (a calling convention other than its callee's, an
/// undef or poison argument to a noundef parameter), or "" if it is not.
std::string callSiteMismatch(const llvm::CallBase &CB);

/// \p P, a shadow that may be null, or where \p Scratch points when it is:
/// a 256-byte local (made in the entry of B's function on first use) that
/// absorbs writes, whose reads the caller must ignore. Null when an access
/// of type \p Accessed does not fit there.
llvm::Value *shadowOrScratch(llvm::IRBuilderBase &B, llvm::Value *P, llvm::Type *Accessed,
                             llvm::AllocaInst *&Scratch);

class DerivativeSet {
public:
  DerivativeSet(llvm::Module &M, llvm::FunctionAnalysisManager &FAM, Diagnostics &Diags);
  ~DerivativeSet();

  Diagnostics &diagnostics() { return Diags; }

  /// The function generated for \p Key, or null.
  llvm::Function *find(const DerivativeKey &Key) const;
  /// Declares the function for \p Key (internal, with \p Primal's function
  /// attributes minus those a derivative breaks) and queues its body.
  /// \p Caller is the derivative that calls it, or null for a request,
  /// whose call \p Request is named in diagnostics.
  llvm::Function *declare(const DerivativeKey &Key, llvm::FunctionType *Type,
                          const llvm::Twine &Name, llvm::ArrayRef<llvm::AttributeSet> ParamAttrs,
                          llvm::Function *Caller, const llvm::Instruction *Request);
  const DerivativeKey &keyOf(llvm::Function *Fn) const { return KeyOf.find(Fn)->second; }

  /// Generates every queued body with \p Generate; false if any failed.
  bool generatePending(llvm::function_ref<bool(llvm::Function &)> Generate);
  /// Gives \p Into a fresh copy of the prepared body of \p Primal, its
  /// arguments replaced by \p Args.
  void copyPreparedBody(llvm::Function &Primal, llvm::Function &Into,
                        llvm::ArrayRef<llvm::Value *> Args);
  /// What a caller must know of the callee of \p CB, given which arguments
  /// carry derivatives (\p ArgActive): whether it returns one, and whether
  /// it leaves null shadows in memory. The answer of the callee's own
  /// activity analysis on its prepared body, the same one its derivative is
  /// generated from, so callers and callee derivatives agree on which
  /// results have shadows. Recursive callees are solved to a fixed point,
  /// starting from "nothing"; answers are memoized per callee, activity and
  /// memory.
  std::optional<CalleeSummary> calleeSummary(const llvm::CallBase &CB,
                                             llvm::ArrayRef<bool> ArgActive,
                                             ShadowedMemory Memory);
  /// The same question asked while computing a function's own activity: a
  /// callback for ActivityInfo.
  auto calleeSummariesFor(ShadowedMemory Memory) {
    return [this, Memory](const llvm::CallBase &CB, llvm::ArrayRef<bool> ArgActive) {
      return calleeSummary(CB, ArgActive, Memory);
    };
  }
  /// Normalizes \p Fn again (after a mode changed it, e.g. by inlining).
  void normalize(llvm::Function &Fn);
  /// adjoint::integerMovesAsCopies with this module's analyses.
  bool integerMovesAsCopies(llvm::Function &Fn);
  /// Merges \p Fn's returns into one block.
  void unifyReturns(llvm::Function &Fn);
  /// Reports an invalid generated function as an internal error: one the
  /// verifier rejects, or one with a call that is undefined behaviour the
  /// verifier allows (see callSiteMismatch).
  bool verify(llvm::Function &Fn);
  /// The same check of every call to a generated function (requests
  /// included); false, with an internal error reported, on the first bad one.
  bool checkCallsToGenerated();

  /// Removes every function declared after \p Mark (a value of size()).
  void discardSince(size_t Mark);
  size_t size() const { return Generated.size(); }
  llvm::ArrayRef<llvm::Function *> generated() const { return Generated; }

  /// The lane number of the shadows reverse mode accumulates into for
  /// constant tables: write-only, so never shared with forward mode's
  /// zero shadows (which must stay zero).
  static constexpr unsigned AdjointSinkLane = 0xffff;
  /// The shadow of a mutable global for batch lane \p Lane.
  llvm::GlobalVariable *shadowGlobal(llvm::GlobalVariable &G, unsigned Lane);
  /// Problems met while choosing shadows of globals since the last call
  /// (a named shadow missing for a lane); the caller reports them.
  std::vector<std::string> takeShadowProblems() { return std::exchange(ShadowProblems, {}); }
  /// The shadow of the global address \p C (a global or a constant GEP or
  /// cast of one) for lane \p Lane, or null: mutable globals defined here
  /// have shadows; with \p ZeroForConstants, constant globals get a zero
  /// shadow too (for a choice between them and memory with a shadow).
  llvm::Constant *shadowOfGlobalAddress(llvm::Constant *C, unsigned Lane, bool ZeroForConstants);
  /// The shadows made for globals (not those the user named) that \p Entry
  /// and the derivatives it reaches use. A request zeroes them before it
  /// runs: forward and reverse mode share them, so one request would
  /// otherwise see the tangents or adjoints that an earlier one left.
  llvm::SmallVector<llvm::GlobalVariable *, 4> shadowGlobalsReachedFrom(llvm::Function &Entry);
  /// "f -> g -> h, for the request at file:line": how \p Fn was reached.
  std::string callChain(llvm::Function *Fn) const;

  /// Erases the prepared clones; call once all requests are done.
  void finish();

private:
  llvm::Module &M;
  llvm::FunctionAnalysisManager &FAM;
  Diagnostics &Diags;
  std::map<DerivativeKey, llvm::Function *> Memo;
  llvm::DenseMap<llvm::Function *, DerivativeKey> KeyOf;
  llvm::DenseMap<llvm::Function *, llvm::Function *> CalledFrom;
  llvm::DenseMap<llvm::Function *, llvm::DebugLoc> RequestOf;
  llvm::DenseMap<llvm::Function *, llvm::Function *> Prepared;
  std::map<std::pair<llvm::GlobalVariable *, unsigned>, llvm::GlobalVariable *> ShadowGlobals;
  std::vector<std::string> ShadowProblems;
  /// Callee, argument activity ('0'/'1' each) and memory (three bits).
  using SummaryKey = std::tuple<llvm::Function *, std::string, unsigned>;
  std::map<SummaryKey, CalleeSummary> Summaries;
  /// Summaries being computed, with the answer assumed so far, and those
  /// of them that a computation consulted (its answer depends on them).
  std::map<SummaryKey, CalleeSummary> SummariesInProgress;
  std::set<SummaryKey> SummariesConsulted;
  llvm::SmallVector<llvm::Function *, 8> Generated;
  llvm::SmallVector<llvm::Function *, 8> Pending;
};

} // namespace adjoint

#endif
