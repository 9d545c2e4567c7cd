//===- Analysis/KnownFunctions.h - what known callees do --------*- C++ -*-===//
//
/// \file
/// Facts about functions the plugin knows by name: allocators and their
/// frees (which get shadow allocations), functions that carry no
/// derivative (I/O, process control), and intrinsics with no numeric
/// meaning (debug info, lifetimes, assumptions). Math functions with
/// derivatives live in the rule table, not here.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_ANALYSIS_KNOWNFUNCTIONS_H
#define ADJOINT_ANALYSIS_KNOWNFUNCTIONS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace llvm {
class CallBase;
class Function;
class Type;
} // namespace llvm

namespace adjoint {

/// An allocation function: the size in bytes is arg SizeArg (times arg
/// CountArg when that is not -1).
struct AllocatorInfo {
  int SizeArg;
  int CountArg;
  bool Zeroed;
};

/// The C and C++ allocators by name, and a user's (UserAllocatorAttr).
std::optional<AllocatorInfo> allocatorInfo(const llvm::Function &F);
bool isReallocFunction(llvm::StringRef Name);
/// Whether \p F frees its first argument (free, operator delete, a user's
/// free: UserFreeAttr).
bool isFreeFunction(const llvm::Function &F);

/// The function attributes of a user's allocator and its free
/// (`__enzyme_allocation_like` tables, Requests/Registrations.h). The
/// allocator's value is "SIZE;FREE;MAP": the index of its size parameter,
/// the name of its free, and how to call that free (UserDeallocation).
constexpr const char *UserAllocatorAttr = "adjoint-allocator";
constexpr const char *UserFreeAttr = "adjoint-free";

/// How to free what a user's allocator returned: call Free with, for each
/// of its parameters, the block (-1) or the allocation's argument K (K).
struct UserDeallocation {
  llvm::Function *Free;
  llvm::SmallVector<int, 2> Args;
};
std::optional<UserDeallocation> userDeallocation(const llvm::Function &Alloc);

/// Whether a call has no effect on derivatives: it is known not to (I/O,
/// timers, process control, markers), or it writes no memory and returns
/// nothing that can carry a derivative (strlen, integer intrinsics).
bool isInactiveCall(const llvm::CallBase &CB);

/// The function attribute of functions a user declared inactive
/// (`__enzyme_inactivefn` tables, Requests/Registrations.h), and the
/// attribute of globals declared so (`__enzyme_inactive_global`).
constexpr const char *UserInactiveAttr = "adjoint-inactive";

/// Whether a call may read or write memory other than through its pointer
/// arguments (globals, in particular), going by its memory attributes.
bool callMayAccessGlobals(const llvm::CallBase &CB);

/// Whether values of type \p T can carry a derivative: floats, pointers,
/// and vectors or aggregates containing them.
bool canCarryDerivative(llvm::Type *T);

/// Whether memory of type \p T is storage whose declared type does not say
/// what it holds: bytes (char arrays: small buffers, aligned_storage, what
/// SROA leaves of a local) or a union, which clang types as one member
/// (std::function's _Any_data is two i64 whatever a lambda captures).
/// With \p Within, also a struct or array with such storage inside.
bool isUntypedStorage(llvm::Type *T, bool Within = false);

/// Whether values of type \p T have an adjoint of the same type: floats,
/// float vectors, and aggregates with a float somewhere (the other parts'
/// adjoints are zero). What reverse mode returns for an active argument and
/// seeds for a result.
bool isAdjointType(llvm::Type *T);

} // namespace adjoint

#endif
