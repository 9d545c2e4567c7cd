//===- Modes/Tape.h - the reverse pass's value stack -------------*- C++ -*-===//
//
/// \file
/// The tape of a gradient function is one byte stack. Each execution of a
/// forward block that the reverse pass must see pushes one record (the
/// values its reverse block needs, and which predecessor it came from); the
/// reverse block pops it. Reverse blocks run in exactly the reverse order of
/// the forward blocks, so a stack matches every control flow: nested loops,
/// data-dependent trip counts, early exits, even irreducible loops. It grows
/// geometrically and is freed when the gradient returns. A counted loop
/// reserves its arrays on the same stack (reserve/popTo) and indexes them
/// by iteration.
///
/// Split into an augmented forward function and a reverse function, the
/// tape crosses from one to the other as one pointer: its first 8 bytes
/// hold the size the forward pass left (null when nothing was pushed).
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_TAPE_H
#define ADJOINT_MODES_TAPE_H

#include "llvm/IR/IRBuilder.h"

namespace adjoint {

class Tape {
public:
  /// Creates the tape's state ({base, size, capacity}, on the stack) at the
  /// start of \p F's entry block; with \p Split it starts past the header.
  Tape(llvm::Function &F, bool Split);

  /// Split form, at the end of the forward pass: writes the header and
  /// returns the tape pointer to hand to the reverse function.
  llvm::Value *finishForward(llvm::IRBuilderBase &B);
  /// Split form, at the start of the reverse function: takes over the tape
  /// \p TapePtr (its state lives in the reverse function from then on).
  void startReverse(llvm::IRBuilderBase &B, llvm::Value *TapePtr);

  /// Reserves \p Bytes at the top and returns the record's address.
  llvm::Value *push(llvm::IRBuilderBase &B, uint64_t Bytes);
  /// Releases the top \p Bytes and returns the record's address.
  llvm::Value *pop(llvm::IRBuilderBase &B, uint64_t Bytes);

  /// Reserves \p Bytes (an i64 known at run time) at the top for an array
  /// that records are written into by index; returns its offset from the
  /// base (the base moves when the storage grows, offsets do not).
  llvm::Value *reserve(llvm::IRBuilderBase &B, llvm::Value *Bytes);
  /// The storage's current base, in the forward or the reverse pass.
  llvm::Value *forwardBase(llvm::IRBuilderBase &B);
  llvm::Value *reverseBase(llvm::IRBuilderBase &B);
  /// Releases everything from \p Offset up (a reserved array).
  void popTo(llvm::IRBuilderBase &B, llvm::Value *Offset);
  /// The bytes pushed so far (a list read front to back), releasing them.
  llvm::Value *popAll(llvm::IRBuilderBase &B);
  /// Whether \p V is the tape's own state (never part of the primal).
  bool isState(const llvm::Value *V) const { return V == State || V == ReverseState; }
  /// Frees the storage (always in the split form: the forward pass may
  /// have pushed).
  void free(llvm::IRBuilderBase &B);
  /// Inlines the growth checks the pushes call; after generation.
  void inlinePushes();

private:
  llvm::Value *State;        ///< where pushes go
  llvm::Value *ReverseState; ///< where pops come from (the same when combined)
  bool Split;
  llvm::Function *PushFn = nullptr; ///< created at the first push
  llvm::SmallVector<llvm::CallInst *, 16> Pushes;
};

} // namespace adjoint

#endif
