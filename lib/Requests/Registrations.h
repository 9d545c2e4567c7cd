//===- Requests/Registrations.h - what users declare beside requests -*- C++ -*-===//
//
/// \file
/// Declarations a user makes in the module rather than at a request. So far:
/// named shadows of globals. A global's shadow is normally made by Adjoint
/// (internal, zero, invisible to the program); a user who wants to seed a
/// global's tangent or read its gradient names the shadow instead:
///
///   double g = 2.0, g_shadow;      // same type as g
///   __attribute__((used)) void *__enzyme_shadow_globals[][2] = {{&g, &g_shadow}};
///
/// (`used` keeps link-time optimization from dropping the table, which
/// nothing in the program reads.)
/// Any global whose name starts with `__enzyme_shadow_global` is such a
/// table; a row is the global and then its shadow for each lane (one for
/// width 1, W for `enzyme_width` W). In IR the same is the metadata
/// `!enzyme_shadow !{ptr @g_shadow, ...}` on the global, which tables are
/// turned into. A named shadow also makes a global declared here (defined
/// in another file) carry derivatives.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_REQUESTS_REGISTRATIONS_H
#define ADJOINT_REQUESTS_REGISTRATIONS_H

#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace adjoint {

/// Turns the module's shadow tables into `enzyme_shadow` metadata, erases
/// the tables, and checks every named shadow (a mutable global at least as
/// large as the global it shadows, named once). Returns one message per
/// problem; the offending names are dropped.
std::vector<std::string> collectNamedShadows(llvm::Module &M);

/// The shadows named for \p G, one per lane; empty when none are named.
llvm::SmallVector<llvm::GlobalVariable *, 2> namedShadows(const llvm::GlobalVariable &G);

} // namespace adjoint

#endif
