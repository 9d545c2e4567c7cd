//===- Support/Options.h - Adjoint's command-line options -------*- C++ -*-===//
//
/// \file
/// The `-adjoint-*` options (with `-enzyme-*` aliases where users know them).
/// Only this file declares options, so every part reads the same knobs.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_SUPPORT_OPTIONS_H
#define ADJOINT_SUPPORT_OPTIONS_H

#include "llvm/Support/CommandLine.h"
#include <string>
#include <vector>

namespace adjoint {

enum class PrintModuleKind { None, Before, After, Final };

/// Print each generated function once it is complete.
bool printGenerated();
/// Print the values the activity analysis found active.
bool printActivity();
/// Print the whole module before differentiation, after it, or at the end
/// (after the generated functions were re-optimized).
PrintModuleKind printModuleAt();
/// Explain what reverse mode saves on the tape, where, and why.
bool printPerf();
/// Build each gradient as a call of the augmented forward function and a
/// call of the reverse function (kept apart): tests the split form on every
/// reverse-mode program.
bool splitGradients();
/// The Enzyme options given that have no effect in Adjoint (-enzyme-loose-types, ...),
/// named without their dash, for a note.
std::vector<std::string> givenOptionsWithoutEffect();
/// Keep the storage of the last tape a thread freed for the next gradient
/// (on by default; off returns every tape to malloc at once).
bool reuseTapeStorage();
/// Re-optimize the generated functions (on by default; off for IR tests
/// that check the raw shape of the transform).
bool optimizeGenerated();

} // namespace adjoint

#endif
