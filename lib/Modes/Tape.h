//===- Modes/Tape.h - the reverse pass's value stack -------------*- C++ -*-===//
//
/// \file
/// The tape of a gradient function is one byte stack. Each execution of a
/// forward block that the reverse pass must see pushes one record (the
/// values its reverse block needs, and which predecessor it came from); the
/// reverse block pops it. Reverse blocks run in exactly the reverse order of
/// the forward blocks, so a stack matches every control flow: nested loops,
/// data-dependent trip counts, early exits, even irreducible loops. It grows
/// geometrically and is freed when the gradient returns.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_TAPE_H
#define ADJOINT_MODES_TAPE_H

#include "llvm/IR/IRBuilder.h"

namespace adjoint {

class Tape {
public:
  /// Creates the tape's state ({base, size, capacity}, on the stack) at the
  /// start of \p F's entry block.
  explicit Tape(llvm::Function &F);

  /// Reserves \p Bytes at the top and returns the record's address.
  llvm::Value *push(llvm::IRBuilderBase &B, uint64_t Bytes);
  /// Releases the top \p Bytes and returns the record's address.
  llvm::Value *pop(llvm::IRBuilderBase &B, uint64_t Bytes);
  /// Frees the storage.
  void free(llvm::IRBuilderBase &B);
  /// Inlines the growth checks the pushes call; after generation.
  void inlinePushes();

private:
  llvm::Value *State;
  llvm::Function *PushFn = nullptr; ///< created at the first push
  llvm::SmallVector<llvm::CallInst *, 16> Pushes;
};

} // namespace adjoint

#endif
