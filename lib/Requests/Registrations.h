//===- Requests/Registrations.h - what users declare beside requests -*- C++ -*-===//
//
/// \file
/// Declarations a user makes in the module rather than at a request: named
/// shadows of globals, and user derivative rules. A global's shadow is normally made by Adjoint
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
///
/// A forward-mode rule replaces differentiating a function's body:
///
///   double f(double x, const double *v, int n);
///   double df(double x, double dx, const double *v, const double *dv, int n);
///   void *__enzyme_register_derivative_f[2] = {(void *)f, (void *)df};
///
/// The rule takes each parameter followed, when it can carry a derivative
/// (a float or a pointer), by its tangent, and returns the tangent of f's
/// result (nothing when f returns nothing or an integer). Adjoint calls f
/// for the primal result and side effects, then the rule for each lane.
///
/// A reverse-mode rule is two functions in place of f's augmented forward
/// and reverse halves:
///
///   double f(double x, const double *v, int n);
///   struct Aug { void *tape; double y; };         // or just double: no tape
///   struct Aug f_aug(double x, const double *v, double *dv, int n);
///   double f_rev(double x, const double *v, double *dv, int n, double dy, void *tape);
///   void *__enzyme_register_gradient_f[3] = {(void *)f, (void *)f_aug, (void *)f_rev};
///
/// Both take each parameter followed, when it is a pointer, by its shadow
/// (null where the caller's pointer carries no derivative). The augmented
/// rule runs f (its result is f's) and may return a tape; the reverse rule
/// then takes the adjoint of f's float result and the tape, adds into the
/// shadows, and returns the adjoints of f's float parameters (one value, or
/// a struct of them in order). Forward mode differentiates f's body.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_REQUESTS_REGISTRATIONS_H
#define ADJOINT_REQUESTS_REGISTRATIONS_H

#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace llvm {
class Function;
class GlobalVariable;
class Module;
} // namespace llvm

namespace adjoint {

/// Turns the module's shadow tables into `enzyme_shadow` metadata, erases
/// the tables, and checks every named shadow (a mutable global at least as
/// large as the global it shadows, named once). Returns one message per
/// problem; the offending names are dropped.
std::vector<std::string> collectNamedShadows(llvm::Module &M);

/// A function listed in a `__enzyme_function_like` table takes the rule of
/// the math function named beside it (`{(void *)mylog, (void *)"log"}`),
/// stored as the `adjoint-function-like` attribute (Rules.h).
///
/// Functions listed in a `__enzyme_inactivefn` table carry no derivative:
/// calls to them are skipped by both modes (logging, counters, checks):
///
///   void *__enzyme_inactivefn[] = {(void *)log_step, (void *)count_calls};
///
/// Reads every `__enzyme_register_derivative_*` table into the functions'
/// `adjoint-forward-rule` attribute (the rule's name), after checking the
/// rule's signature, and every `__enzyme_inactivefn*` table into the
/// `adjoint-inactive` attribute; reports every other `__enzyme_*` global, which
/// Adjoint does not understand (gradient rules, inactive-function lists,
/// ...): ignoring one would give a wrong derivative. One message per
/// problem.
std::vector<std::string> collectUserRules(llvm::Module &M);

/// The forward-mode rule registered for \p F, or null.
llvm::Function *forwardRuleOf(const llvm::Function &F);

/// The reverse-mode rule registered for a function: two functions in place
/// of its augmented forward and reverse halves.
struct GradientRule {
  static constexpr int None = -1, Whole = -2;
  llvm::Function *Augmented = nullptr, *Reverse = nullptr;
  /// Where the augmented rule's result keeps the tape and f's result: field
  /// 0 or 1 of a pair, the whole result, or None.
  int TapeField = None, ResultField = None;
  /// Both rules take one more argument, last: the mask of f's parameters
  /// that carry a derivative (bit i for parameter i), so that they tape
  /// only what those need (library rules).
  bool TakesActivityMask = false;
  explicit operator bool() const { return Augmented; }
};

/// The reverse-mode rule registered for \p F; empty when there is none.
GradientRule gradientRuleOf(const llvm::Function &F);

/// Gives \p F (a library routine: LibraryRules.h) rules of both modes,
/// with the library conventions: the forward rule runs before the call of
/// \p F (it reads the inputs \p F overwrites), and the augmented and
/// reverse rules take the activity mask (GradientRule::TakesActivityMask).
void setLibraryRules(llvm::Function &F, llvm::Function &Forward, llvm::Function &Augmented,
                     llvm::Function &Reverse);

/// Whether \p F's rules are library rules, with their conventions.
bool hasLibraryRules(const llvm::Function &F);

/// Takes \p F's library rules away (once the derivatives that call them
/// are built: a later run links them again).
void dropLibraryRules(llvm::Function &F);

/// Whether \p F has a user rule of either mode: its body must not be
/// differentiated, or analysed for what its derivative would be.
bool hasUserRule(const llvm::Function &F);

/// Marks the functions that tables register rules for or declare inactive
/// `noinline`, so that they reach Adjoint as calls, and keeps the tables:
/// run at the start of the pipeline.
bool keepRuleTargetsCalls(llvm::Module &M);

/// The shadows named for \p G, one per lane; empty when none are named.
llvm::SmallVector<llvm::GlobalVariable *, 2> namedShadows(const llvm::GlobalVariable &G);

} // namespace adjoint

#endif
