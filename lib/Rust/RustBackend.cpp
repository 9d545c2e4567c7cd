//===- Rust/RustBackend.cpp - Adjoint as rustc's autodiff backend ---------===//
//
/// \file
/// libEnzyme-22.so: the library that Debian's rustc (1.96, LLVM 22) loads
/// for `-Zautodiff=Enable` from <sysroot>/lib/rustlib/<host>/lib/. It exports
/// the 24 symbols rustc looks up (docs/rust-backend-interface.md):
///  - type trees: rustc 1.96 builds none (it calls none of these), but they
///    are a working implementation, so a rustc that attaches type trees finds
///    one that keeps what it is told;
///  - the option globals and EnzymeSetCLBool/EnzymeSetCLString, which map the
///    options rustc sets onto Adjoint's own (-adjoint-print-perf, ...);
///  - registerEnzymeAndPassPipeline, which registers the `enzyme` pass: the
///    whole Adjoint pass, run once on the fat-LTO module, after
///    RustRequestsPass has put rustc's requests into the C interface's form.
/// The engine (lib/Modes, lib/Pass, ...) is the one of Adjoint.so.
//
//===----------------------------------------------------------------------===//
#include "Pass/AdjointPass.h"
#include "Rust/RustRequests.h"
#include "Support/LLVMCompat.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace llvm;

namespace {

/// rustc's CConcreteType.
enum ConcreteType : uint32_t {
  Anything = 0,
  Integer = 1,
  Pointer = 2,
  Half = 3,
  Float = 4,
  Double = 5,
  Unknown = 6,
  FP128 = 9,
};

const char *typeName(uint32_t T) {
  switch (T) {
  case Anything:
    return "Anything";
  case Integer:
    return "Integer";
  case Pointer:
    return "Pointer";
  case Half:
    return "Float@half";
  case Float:
    return "Float@float";
  case Double:
    return "Float@double";
  case FP128:
    return "Float@fp128";
  default:
    return "Unknown";
  }
}

} // namespace

/// What is known of a value: the type at each path of byte offsets (-1: at
/// every offset), each step after the first one dereference further.
struct EnzymeTypeTree {
  std::map<std::vector<int64_t>, uint32_t> Types;
};

using Tree = EnzymeTypeTree *;

extern "C" {

Tree EnzymeNewTypeTree() { return new EnzymeTypeTree(); }

Tree EnzymeNewTypeTreeCT(uint32_t T, void * /*LLVMContextRef*/) {
  Tree R = new EnzymeTypeTree();
  R->Types[{-1}] = T;
  return R;
}

Tree EnzymeNewTypeTreeTR(Tree T) { return new EnzymeTypeTree(*T); }

void EnzymeFreeTypeTree(Tree T) { delete T; }

/// Merges \p Src into \p Dst; what both know must agree (else "Anything").
bool EnzymeMergeTypeTree(Tree Dst, Tree Src) {
  bool Changed = false;
  for (auto &[Path, T] : Src->Types) {
    auto [It, New] = Dst->Types.try_emplace(Path, T);
    if (New) {
      Changed = true;
    } else if (It->second != T && It->second != Anything) {
      It->second = Anything;
      Changed = true;
    }
  }
  return Changed;
}

/// Only at offset \p X: every path gets \p X in front.
void EnzymeTypeTreeOnlyEq(Tree T, int64_t X) {
  std::map<std::vector<int64_t>, uint32_t> Out;
  for (auto &[Path, Ty] : T->Types) {
    std::vector<int64_t> P{X};
    P.insert(P.end(), Path.begin(), Path.end());
    Out[P] = Ty;
  }
  T->Types = std::move(Out);
}

/// What is at offset 0 (or at every offset): one dereference.
void EnzymeTypeTreeData0Eq(Tree T) {
  std::map<std::vector<int64_t>, uint32_t> Out;
  for (auto &[Path, Ty] : T->Types)
    if (Path.size() > 1 && (Path[0] == 0 || Path[0] == -1))
      Out[std::vector<int64_t>(Path.begin() + 1, Path.end())] = Ty;
  T->Types = std::move(Out);
}

/// Keeps the first offsets in [Offset, Offset + MaxSize) (MaxSize -1: no
/// end), moved by AddOffset - Offset.
void EnzymeTypeTreeShiftIndiciesEq(Tree T, const char * /*DataLayout*/, int64_t Offset,
                                   int64_t MaxSize, uint64_t AddOffset) {
  std::map<std::vector<int64_t>, uint32_t> Out;
  for (auto &[Path, Ty] : T->Types) {
    std::vector<int64_t> P = Path;
    if (P.empty() || P[0] == -1) {
      Out[P] = Ty;
      continue;
    }
    if (P[0] < Offset || (MaxSize != -1 && P[0] >= Offset + MaxSize))
      continue;
    P[0] = P[0] - Offset + static_cast<int64_t>(AddOffset);
    Out[P] = Ty;
  }
  T->Types = std::move(Out);
}

void EnzymeTypeTreeInsertEq(Tree T, const int64_t *Indices, size_t Len, uint32_t Ty,
                            void * /*LLVMContextRef*/) {
  T->Types[std::vector<int64_t>(Indices, Indices + Len)] = Ty;
}

/// "{[-1]:Pointer, [-1,0]:Float@double}"
const char *EnzymeTypeTreeToString(Tree T) {
  std::string S = "{";
  bool First = true;
  for (auto &[Path, Ty] : T->Types) {
    if (!First)
      S += ", ";
    First = false;
    S += "[";
    for (size_t K = 0; K < Path.size(); ++K)
      S += (K ? "," : "") + std::to_string(Path[K]);
    S += "]:";
    S += typeName(Ty);
  }
  S += "}";
  char *Out = new char[S.size() + 1];
  std::memcpy(Out, S.c_str(), S.size() + 1);
  return Out;
}

void EnzymeTypeTreeToStringFree(const char *S) { delete[] S; }

// Options. rustc only passes their addresses to EnzymeSetCL*; it may read
// EnzymeMaxTypeDepth as a 32-bit integer, so every one starts with one.
struct BoolOption {
  uint32_t Value;
};
BoolOption EnzymePrintPerf{0}, EnzymePrintActivity{0}, EnzymePrintType{0}, EnzymePrint{0},
    EnzymeStrictAliasing{1}, EnzymeInline{0}, RustTypeRules{0}, looseTypeAnalysis{0};
BoolOption EnzymeMaxTypeDepth{6};
struct StringOption {
  uint32_t Length;
  char Value[252];
};
StringOption EnzymeFunctionToAnalyze{0, {0}};

/// Marks the library as Adjoint's (scripts/install-rust-backend.sh only
/// replaces or removes a libEnzyme-22.so that exports it).
const char *adjoint_backend_version() { return "Adjoint Rust backend 1 (LLVM 22)"; }

} // extern "C"

/// Sets Adjoint's option \p Name (one of its -adjoint-* flags).
static void setAdjointFlag(StringRef Name, bool Value) {
  auto &Options = cl::getRegisteredOptions();
  if (auto It = Options.find(Name); It != Options.end())
    static_cast<cl::opt<bool> *>(It->second)->setValue(Value);
}

extern "C" {

/// The options that have an Adjoint counterpart set it: PrintPerf
/// (-adjoint-print-perf), PrintActivity (-adjoint-print-activity), Print
/// (-adjoint-print). The others are kept and have no effect: type analysis
/// is not Enzyme's (PrintType, FunctionToAnalyze, MaxTypeDepth, RustTypeRules,
/// looseTypeAnalysis, StrictAliasing), and callees are inlined or not by
/// Adjoint's own rules (Inline).
void EnzymeSetCLBool(void *Option, uint8_t Value) {
  static_cast<BoolOption *>(Option)->Value = Value;
  if (Option == &EnzymePrintPerf)
    setAdjointFlag("adjoint-print-perf", Value);
  else if (Option == &EnzymePrintActivity)
    setAdjointFlag("adjoint-print-activity", Value);
  else if (Option == &EnzymePrint)
    setAdjointFlag("adjoint-print", Value);
}

void EnzymeSetCLString(void *Option, const char *Value) {
  auto *O = static_cast<StringOption *>(Option);
  size_t N = std::min(std::strlen(Value), sizeof(O->Value) - 1);
  std::memcpy(O->Value, Value, N);
  O->Value[N] = 0;
  O->Length = N;
}

/// Called by rustc after it built its fat-LTO pipeline, before it parses
/// "enzyme": only a pipeline-parsing callback can still add a pass. rustc
/// parses the name twice (once to classify it), so the callback only adds
/// the pass to the pass manager it is given.
void registerEnzymeAndPassPipeline(PassBuilder &PB, bool /*AugmentPassBuilder*/) {
  PB.registerPipelineParsingCallback(
      [&PB](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "enzyme")
          return false;
        MPM.addPass(adjoint::RustRequestsPass());
        MPM.addPass(adjoint::AdjointPass(PB));
        return true;
      });
}

} // extern "C"
