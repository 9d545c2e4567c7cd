//===- Rust/RustRequests.h - rustc's requests, made exact -------*- C++ -*-===//
//
/// \file
/// rustc (1.96) lowers each `#[autodiff_*]` to an `__enzyme_*` call, but two
/// of its lowerings do not say what they mean in the C interface's terms:
///  - a tuple or two-field struct passed by value as `Dual` becomes
///    `enzyme_dup, x.0, x.1, enzyme_dup, dx.0, dx.1`: its two fields first,
///    then their two tangents. That reads exactly like two separate `Dual`
///    scalars, `x.1` taken for the tangent of `x.0`;
///  - a `Const` return in reverse mode returns the primal result with no
///    marker asking for it.
///  - a forward-mode DualOnly return and a Const return look the same with
///    one lane (batched, the call's type differs).
/// RustRequestsPass runs before AdjointPass and rewrites such calls into the
/// exact C form (the tangents after their fields; enzyme_primal_return and
/// enzyme_const_return). Where the IR cannot tell two readings apart and no
/// debug info names the parameter types, it reports an error naming the fix
/// instead of guessing. It also checks what rustc does not: that the Vecs
/// behind a duplicated reference have shadows of their own length.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_RUST_RUSTREQUESTS_H
#define ADJOINT_RUST_RUSTREQUESTS_H

#include "llvm/IR/PassManager.h"

namespace adjoint {

class RustRequestsPass : public llvm::PassInfoMixin<RustRequestsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }
};

} // namespace adjoint

#endif
