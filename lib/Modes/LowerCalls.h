//===- Modes/LowerCalls.h - library calls rewritten as plain IR -*- C++ -*-===//
//
/// \file
/// Some library functions compute values the rule table already knows how
/// to differentiate, behind an interface it cannot read: results written
/// through pointers (`sincos`), complex numbers split over registers by the
/// C ABI (`__muldc3`, `__divdc3`, and C's complex library that std::complex
/// calls: `cabs`, `carg`, `cexp`, `clog`, `csqrt`, `cpow`, `csin`, `ccos`,
/// `ctan` and their hyperbolic forms). Before differentiation, calls to them
/// in the prepared clone are rewritten as the equivalent plain IR, so one
/// mechanism (the rules) serves them. Finite inputs give the same values;
/// the C99 Annex G recovery of infinities in complex products is not kept.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_LOWERCALLS_H
#define ADJOINT_MODES_LOWERCALLS_H

namespace llvm {
class Function;
} // namespace llvm

namespace adjoint {

/// Rewrites the calls described above in \p F; returns whether it changed.
bool lowerLibraryCalls(llvm::Function &F);

/// For reverse mode, allocations with an unusual interface become the
/// ones it handles: realloc(p, n) becomes malloc(n), a copy of the old
/// contents and free(p) (the reverse pass may still read the old block,
/// and the copy's reverse moves adjoints back into it);
/// posix_memalign(&p, a, n) becomes p = aligned_alloc(a, n rounded up to a).
bool lowerAllocationsForReverse(llvm::Function &F);

/// The metadata kind on realloc's copy: its source is never accessed after
/// it, so its shadow may move whole when no layout of the bytes is known.
inline constexpr const char *MovedCopyMetadata = "adjoint.moved";

} // namespace adjoint

#endif
