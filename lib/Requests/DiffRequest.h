//===- Requests/DiffRequest.h - one __enzyme_* call, parsed -----*- C++ -*-===//
//
/// \file
/// A DiffRequest is what a user asked for at one `__enzyme_*` call: which
/// function, which mode, the activity of each parameter with its primal and
/// shadow values, and the batch width. Parsing validates the call against
/// the function's signature and reports misuse at the call's source line;
/// it never generates code.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_REQUESTS_DIFFREQUEST_H
#define ADJOINT_REQUESTS_DIFFREQUEST_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace llvm {
class CallBase;
class CallInst;
class Function;
class Type;
class Value;
} // namespace llvm

namespace adjoint {

class Diagnostics;

/// Forward: __enzyme_fwddiff. ReverseCombined: __enzyme_autodiff.
/// ReverseAugmented: __enzyme_augmentfwd (the forward pass, returns the
/// tape). ReverseSplit: __enzyme_reverse (the reverse pass, takes the tape).
/// ReverseTapeSize: __enzyme_augmentsize (the bytes of a caller-owned tape).
/// Batch: __enzyme_batch, no derivative: the function on N lanes of its
/// arguments (`enzyme_vector` arguments: Primal is lane 1, Shadows the
/// other lanes; `enzyme_scalar` and unmarked ones: one value for every lane).
enum class DiffModeKind {
  Forward,
  ReverseCombined,
  ReverseAugmented,
  ReverseSplit,
  ReverseTapeSize,
  Batch
};

/// How one parameter takes part in differentiation.
enum class ActivityKind {
  Const,     ///< inactive: no derivative flows through it
  Dup,       ///< duplicated: a shadow (tangent or derivative memory) follows
  DupNoNeed, ///< duplicated; the primal result of this argument is not needed
  Out,       ///< active scalar whose derivative is returned (reverse mode)
};

/// One parameter of the differentiated function, as the request passes it.
struct RequestArg {
  ActivityKind Activity = ActivityKind::Const;
  /// The primal as passed at the call (may need a C varargs conversion,
  /// e.g. a float promoted to double, to match the parameter).
  llvm::Value *Primal = nullptr;
  /// `Width` shadows for duplicated arguments; for `enzyme_dupv` the single
  /// base pointer, with `ShadowStride` set.
  llvm::SmallVector<llvm::Value *, 1> Shadows;
  llvm::Value *ShadowStride = nullptr;
  /// The hidden result pointer (sret) of a function that returns a large
  /// struct: the request does not pass it; the plugin provides the memory
  /// and its shadows, and returns the shadows' contents as the derivative.
  bool IsResultSlot = false;

  bool isDuplicated() const {
    return Activity == ActivityKind::Dup || Activity == ActivityKind::DupNoNeed;
  }
};

struct DiffRequest {
  llvm::CallInst *Call = nullptr;
  llvm::Function *Fn = nullptr;
  DiffModeKind Mode = DiffModeKind::Forward;
  unsigned Width = 1;
  llvm::SmallVector<RequestArg, 8> Args; ///< one per parameter of Fn
  /// Where the result goes when the declared return type is returned in
  /// memory (a C struct of three or more doubles: the call's sret argument).
  llvm::Value *ResultPtr = nullptr;
  llvm::Type *ResultType = nullptr; ///< the declared return type
  /// enzyme_primal_return: the result holds the function's own result
  /// first, then the derivatives (forward: tangents; reverse: adjoints).
  bool PrimalReturn = false;
  /// enzyme_const_return: the function's result carries no derivative:
  /// reverse mode does not seed it, forward mode returns no tangent for it.
  bool ConstReturn = false;
  /// enzyme_runtime_activity: a duplicated pointer whose shadow is the
  /// primal itself is inactive, decided at run time (the derivative gets a
  /// null shadow for it, which carries nothing).
  bool RuntimeActivity = false;
  /// __enzyme_reverse: the adjoint of the function's float result (when it
  /// has one), and the tape __enzyme_augmentfwd returned.
  llvm::Value *Seed = nullptr;
  llvm::Value *Tape = nullptr;
  /// Split mode with a caller-owned tape (enzyme_allocated, N, enzyme_tape,
  /// p before the arguments): the memory that holds the tape, and its size.
  llvm::Value *TapeBuffer = nullptr;
  llvm::Value *TapeBufferBytes = nullptr;
};

/// The bytes __enzyme_augmentsize reports: a caller-owned tape holds the
/// handle of the tape (which grows as it needs and is freed by the reverse
/// pass), a pointer.
constexpr unsigned CallerTapeBytes = 8;

/// The mode a call requests, from its callee's name (any name that starts
/// with an entry point's name), or nothing when it is not a request.
std::optional<DiffModeKind> requestModeOf(llvm::StringRef CalleeName);

/// The entry point \p CB calls, if it is a request (the call may use
/// another function type than the declaration: C allows any prototype).
llvm::Function *requestEntryOf(const llvm::CallBase &CB);

/// The function a request differentiates (its first argument, looking
/// through casts and, at -O0, through a local variable holding it), or null.
llvm::Function *requestedFunction(const llvm::CallBase &CB);

/// Whether \p CalleeName is an `__enzyme_*` entry point, including the
/// ones this version does not implement (which are reported).
bool isRequestEntryPoint(llvm::StringRef CalleeName);

/// Where a struct of a tape and a value of type \p Result, in either order
/// (`{void *, T}` or `{T, void *}`, both of which users write for
/// __enzyme_augmentfwd and for augmented rules), holds the tape: field 0 or
/// 1; -1 when \p Pair is no such struct.
int tapeFieldOfPair(llvm::Type *Pair, llvm::Type *Result);

/// Whether \p CalleeName is one of the type hints `__enzyme_float`,
/// `__enzyme_double`, `__enzyme_integer`, `__enzyme_pointer`: Adjoint's
/// type analysis proves what it needs or reports it, so a hint changes
/// nothing and its call is removed.
bool isTypeHint(llvm::StringRef CalleeName);

/// Whether \p CalleeName is `__enzyme_virtualreverse` (the shadow of a
/// function pointer, which is the function itself: IndirectCalls.h).
bool isVirtualReverse(llvm::StringRef CalleeName);

/// Parses and validates \p Call; reports every problem through \p Diags and
/// returns nothing when the request cannot be honoured.
std::optional<DiffRequest> parseRequest(llvm::CallInst &Call, DiffModeKind Mode,
                                        Diagnostics &Diags);

/// Whether a value of type \p From can be passed for a parameter of type
/// \p To (identity, or a C default argument promotion undone).
bool isPassableAs(llvm::Type *From, llvm::Type *To);

/// The name of the marker \p V stands for (`enzyme_dup`, ...), if it is one.
std::optional<llvm::StringRef> markerName(const llvm::Value *V);

} // namespace adjoint

#endif
