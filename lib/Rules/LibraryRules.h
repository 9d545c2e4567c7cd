//===- Rules/LibraryRules.h - derivative rules of library routines -*- C++ -*-===//
//
/// \file
/// Rules for routines a program calls from a library without their source:
/// the BLAS (dot, nrm2, axpy, scal, gemv, gemm; double and float; cblas_ and
/// Fortran spellings). They are written in C (Rules/library/), compiled to
/// bitcode when Adjoint is built and carried inside it; a module that calls
/// such a routine gets the rules it needs linked in, as if the user had
/// registered them (Requests/Registrations.h, setLibraryRules).
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_RULES_LIBRARYRULES_H
#define ADJOINT_RULES_LIBRARYRULES_H

namespace llvm {
class Module;
} // namespace llvm

namespace adjoint {

/// Gives every library routine that \p M declares, calls, and has no user
/// rule for, its rules. A routine declared with another type than the
/// library's (another integer width, extra hidden arguments) gets none, and
/// differentiating a call to it stays an error. Returns whether \p M changed.
bool attachLibraryRules(llvm::Module &M);

/// Erases the library rules that no derivative ended up calling.
void eraseUnusedLibraryRules(llvm::Module &M);

} // namespace adjoint

#endif
