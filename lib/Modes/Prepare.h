//===- Modes/Prepare.h - normalized clones to differentiate -----*- C++ -*-===//
//
/// \file
/// Differentiation works on a clone of the user's function, never on the
/// function itself. The clone drops `optnone`/`noinline` (so -O0 code gets
/// the same treatment as optimized code) and is normalized: promoted to
/// SSA, unreachable blocks removed, simple redundancies folded.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_PREPARE_H
#define ADJOINT_MODES_PREPARE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
class Value;
} // namespace llvm

namespace adjoint {

/// A normalized clone of \p F in F's module, with internal linkage. The
/// caller owns it (clones it again per derivative, erases it at the end).
llvm::Function *prepareClone(llvm::Function &F, llvm::FunctionAnalysisManager &FAM);

/// Gives every vector lane a defined value: poison lanes (from shuffles
/// with undefined mask entries, insertions into poison) become zeros.
/// Reverse mode needs it: an adjoint flows through every lane, and a
/// poison lane times a zero adjoint is poison, not zero.
void defineVectorLanes(llvm::Function &F);

/// Runs the normalization again (after inlining into a clone).
void normalize(llvm::Function &F, llvm::FunctionAnalysisManager &FAM);

/// Puts every loop of \p F in canonical form: a preheader, one latch, exit
/// blocks reached only from the loop (reverse mode's counted loops need it).
void canonicalizeLoops(llvm::Function &F);

/// For reverse mode, an integer load whose only use is a store right after
/// it (nothing writes memory in between) becomes a memcpy: it moves bytes
/// that may hold a float (InstCombine turns small copies into such moves,
/// as std::vector's growth of one double), and the reverse of a copy knows
/// from the memory's type which bytes are floats, or reports that it cannot
/// tell. The move's TBAA tag goes with it as the copy's !tbaa.struct. A
/// move through an address computed as an integer element or field (a GEP
/// whose result type is an integer, as clang emits at -O0) stays a move.
/// (A double copied through integer pointers in the source is not seen.)
/// Before that, the other integer forms of float accesses InstCombine makes
/// are typed back: an integer load or store whose TBAA tag names a float
/// type is that float's, a loaded integer bitcast to a float is a float load, and
/// an integer constant stored into memory otherwise accessed as one float
/// type is a float store (its reverse clears the overwritten adjoint).
bool integerMovesAsCopies(llvm::Function &F, llvm::FunctionAnalysisManager &FAM);

/// Gives every invoke with a result a normal destination of its own (an
/// edge split), where the result's shadow can be built: the result exists
/// on that edge only.
void splitInvokeResultEdges(llvm::Function &F);

/// Moves the body of \p From into the empty function \p To, mapping
/// From's arguments to \p NewArgs; erases \p From.
void moveBody(llvm::Function &From, llvm::Function &To, llvm::ArrayRef<llvm::Value *> NewArgs);

} // namespace adjoint

#endif
