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

/// Whether the result of a call to a function defined in the module carries
/// a derivative, given which of its arguments do (one entry per argument):
/// the callee's own analysis, so that a caller never expects a derivative
/// (a shadow pointer) that the callee's derivative does not give. None: not
/// known, and the call is treated conservatively.
using CallResultActivity =
    llvm::function_ref<std::optional<bool>(const llvm::CallBase &, llvm::ArrayRef<bool>)>;

class ActivityInfo {
public:
  /// \p ArgIsActive: one entry per argument of \p F (a float that carries a
  /// derivative, or a pointer with a shadow); \p Memory says which other
  /// memory has shadows (forward mode: all of it); \p Calls, if given,
  /// answers for calls to defined functions.
  static ActivityInfo compute(llvm::Function &F, llvm::ArrayRef<bool> ArgIsActive,
                              ShadowedMemory Memory = ShadowedMemory(),
                              CallResultActivity Calls = nullptr);
  /// Whether any value \p F returns is active.
  bool returnsActive(const llvm::Function &F) const;
  /// The active pointers of \p F whose shadow may be null at run time: a
  /// pointer without a shadow (into enzyme_const data, say) stored into
  /// memory with one leaves a null shadow there, so pointers loaded back
  /// from memory may then have one; so may pointers derived from them, and
  /// choices (phi, select) with a pointer without a shadow. Both modes guard
  /// accesses through these.
  llvm::DenseSet<const llvm::Value *> nullableShadows(const llvm::Function &F) const;

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

} // namespace adjoint

#endif
