//===- Modes/IndirectCalls.h - calls through function pointers --*- C++ -*-===//
//
/// \file
/// A call through a function pointer (a virtual call, a callback) becomes,
/// in the clone that is differentiated, a direct call to a dispatcher: a
/// function of the module that compares the pointer, passed as an integer,
/// with every function the call may reach and calls the one it is. Both
/// modes then differentiate the dispatcher as any other function: forward
/// mode calls its tangent, reverse mode keeps it as a call (it is never
/// inlined) whose augmented and reverse halves branch the same way, the
/// reverse half on the pointer the forward half saw. A virtual call inside
/// a virtual call (a tree of objects) is a recursive call of the dispatcher.
///
/// The functions a call may reach are those of the module of its type and
/// calling convention whose address is taken, and the declarations with a
/// derivative (a math rule, a user rule, an inactive marking). A pointer to
/// any other function takes the dispatcher's last branch: a call of a stub
/// that calls through the pointer. The stub is never inlined: where
/// derivatives flow through it, its derivative stops the program with a
/// message (stopAtUnknownTargets), never a wrong derivative; where none do,
/// it stays the primal's call. Reverse mode inlines a dispatcher with few
/// targets once per body (a dispatcher reached again inside is kept as a
/// call), so a virtual call costs a branch, and one that returns a pointer
/// into memory with derivatives works as an inlined call does.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_MODES_INDIRECTCALLS_H
#define ADJOINT_MODES_INDIRECTCALLS_H

namespace llvm {
class CallBase;
class Function;
class Module;
} // namespace llvm

namespace adjoint {

/// Rewrites the calls through function pointers in \p F that may reach a
/// function of the module as calls to dispatchers (made on first use);
/// returns whether it changed anything. Those that may reach none stay.
bool dispatchIndirectCalls(llvm::Function &F);

/// Whether \p F is a dispatcher made by dispatchIndirectCalls.
bool isDispatcher(const llvm::Function &F);

/// Whether \p F is the stub a dispatcher's last branch calls: it calls
/// through the pointer, to a function the module does not know.
bool isUnknownTargetStub(const llvm::Function &F);

/// How many functions the dispatcher \p D compares the pointer with.
unsigned dispatcherTargets(const llvm::Function &D);

/// Whether \p CB is a dispatcher's last branch: a call through a pointer to
/// a function the module does not know.
bool isUnknownTargetCall(const llvm::CallBase &CB);

/// In the derivative of a dispatcher that derivatives flow through: the
/// last branch stops the program with a message instead of calling a
/// function whose derivative is unknown.
void stopAtUnknownTargets(llvm::Function &F);

/// The error for a call through a pointer that may reach no function of the
/// module (both modes give it).
inline constexpr const char *NoKnownTargetsMessage =
    "cannot differentiate this call through a function pointer (a virtual call or a "
    "callback): no function of its type has its address taken in this translation unit, so "
    "none it may reach is known (a class's virtual functions are emitted where its objects "
    "are constructed); construct the objects in this file, or define the functions it may "
    "call here";

/// Erases the dispatchers that nothing calls any more.
void eraseUnusedDispatchers(llvm::Module &M);

} // namespace adjoint

#endif
