//===- Analysis/Activity.h - which values carry derivatives -----*- C++ -*-===//
//
/// \file
/// Finds the values of a function that can carry a derivative ("varied"
/// values): those reachable from an active argument through arithmetic,
/// through memory that has a shadow, or through calls.
///
/// Design. The lattice per value is {inactive, active}; the transfer
/// function of each instruction is monotone (active when an operand that
/// matters is active), so iterating over the function until nothing changes
/// reaches the least fixed point; loops need the iteration because a PHI
/// can be reached from its own latch. Memory is modelled by pointers: a
/// pointer is active when it has a shadow (a duplicated argument, any
/// alloca or heap allocation, a mutable global, or a pointer derived from or
/// loaded through one), and a load is active when its pointer is. Integer
/// arithmetic, comparisons and address computations never carry a
/// derivative; integers only ride along when they are moved bit for bit
/// (loaded, stored, selected), which keeps type-punned floats correct.
///
/// Forward mode needs only this half. A value that is varied but not
/// useful (no active output depends on it) costs dead code that the
/// re-optimization removes; reverse mode will add the backward "useful"
/// half.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_ANALYSIS_ACTIVITY_H
#define ADJOINT_ANALYSIS_ACTIVITY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace llvm {
class CallBase;
class Function;
class Value;
class raw_ostream;
} // namespace llvm

namespace adjoint {

/// Which memory, besides what active arguments point to, has shadows.
struct ShadowedMemory {
  bool Locals = true;  ///< allocas
  bool Heap = true;    ///< what allocators return
  bool Globals = true; ///< mutable globals defined in the module
};

/// What a caller needs to know of a function defined in the module, given
/// which of its arguments carry derivatives: the callee's own analysis, so
/// that a caller never expects a derivative (a shadow pointer) that the
/// callee's derivative does not give, nor misses a null shadow it leaves.
struct CalleeSummary {
  /// A value it returns carries a derivative.
  bool ReturnsActive = false;
  /// It (or a function it calls) stores a pointer without a shadow into
  /// memory with one, which leaves a null shadow there.
  bool StoresMissingShadows = false;
  bool operator==(const CalleeSummary &O) const {
    return ReturnsActive == O.ReturnsActive && StoresMissingShadows == O.StoresMissingShadows;
  }
};

/// The summary of the callee of a call (one activity per argument). None:
/// not known, and the call is treated conservatively.
using CalleeSummaries =
    llvm::function_ref<std::optional<CalleeSummary>(const llvm::CallBase &, llvm::ArrayRef<bool>)>;

/// The pointers of a function whose shadow may be null at run time.
struct NullableShadows {
  llvm::DenseSet<const llvm::Value *> Values;
  /// Memory with shadows may hold null shadow pointers once the function
  /// (or a callee) has run: what it passes to callees must be guarded
  /// there too.
  bool MemoryMayHoldNull = false;
  bool contains(const llvm::Value *V) const { return Values.contains(V); }
};

class ActivityInfo {
public:
  /// \p ArgIsActive: one entry per argument of \p F (a float that carries a
  /// derivative, or a pointer with a shadow); \p Memory says which other
  /// memory has shadows (forward mode: all of it); \p Calls, if given,
  /// answers for calls to defined functions.
  static ActivityInfo compute(llvm::Function &F, llvm::ArrayRef<bool> ArgIsActive,
                              ShadowedMemory Memory = ShadowedMemory(),
                              CalleeSummaries Calls = nullptr);
  /// Whether any value \p F returns is active.
  bool returnsActive(const llvm::Function &F) const;
  /// The active pointers of \p F whose shadow may be null at run time: a
  /// pointer without a shadow (into enzyme_const data, say) stored into
  /// memory with one leaves a null shadow there, by \p F or by a callee
  /// (\p Calls), so pointers loaded back from memory, and pointers that
  /// calls return, may then have one; so may pointers derived from them, and
  /// choices (phi, select) with a pointer without a shadow. With
  /// \p Inherited (a caller passed a shadow that may be null, or memory
  /// holding one) every pointer argument and all memory may hold null
  /// shadows from the start. Both modes guard accesses through these.
  NullableShadows nullableShadows(const llvm::Function &F, bool Inherited,
                                  CalleeSummaries Calls) const;
  /// What a caller of \p F needs to know (see CalleeSummary).
  CalleeSummary summary(const llvm::Function &F, CalleeSummaries Calls) const;

  bool isActive(const llvm::Value *V) const;
  void print(llvm::raw_ostream &OS, const llvm::Function &F) const;

private:
  llvm::DenseSet<const llvm::Value *> Active;
  ShadowedMemory Memory;
};

/// Whether \p V is a global (or a constant expression over one) whose
/// memory gets a shadow: mutable globals do, constant ones hold no
/// derivative.
bool isShadowedGlobalPointer(const llvm::Value *V);

/// The error for a store of a value that carries a derivative through
/// \p Ptr, which has no shadow: the derivative would be lost (a later read
/// would see none, or, once the optimizer forwarded the value, would).
std::string lostDerivativeMessage(const llvm::Value *Ptr);

} // namespace adjoint

#endif
