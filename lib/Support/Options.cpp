//===- Support/Options.cpp - Adjoint's command-line options ---------------===//
//
/// \file
/// Definitions of the options declared in Options.h.
//
//===----------------------------------------------------------------------===//
#include "Support/Options.h"

using namespace llvm;

namespace {
cl::opt<bool> PrintGenerated("adjoint-print", cl::init(false),
                             cl::desc("Print every function Adjoint generates"));
cl::alias PrintGeneratedEnzyme("enzyme-print", cl::aliasopt(PrintGenerated),
                               cl::desc("Alias for -adjoint-print"));

cl::opt<bool> PrintActivity("adjoint-print-activity", cl::init(false),
                            cl::desc("Print the active values of each differentiated function"));
cl::alias PrintActivityEnzyme("enzyme-print-activity", cl::aliasopt(PrintActivity),
                              cl::desc("Alias for -adjoint-print-activity"));

cl::opt<adjoint::PrintModuleKind> PrintModule(
    "adjoint-print-module", cl::init(adjoint::PrintModuleKind::None),
    cl::desc("Print the module around differentiation"),
    cl::values(clEnumValN(adjoint::PrintModuleKind::Before, "before",
                          "before any request is differentiated"),
               clEnumValN(adjoint::PrintModuleKind::After, "after",
                          "after differentiation, before re-optimization"),
               clEnumValN(adjoint::PrintModuleKind::Final, "final",
                          "after the generated functions were re-optimized")));

cl::opt<bool> PrintPerf("adjoint-print-perf", cl::init(false),
                        cl::desc("Explain each value reverse mode saves on the tape and why"));

cl::opt<bool> SplitGradients(
    "adjoint-split-gradients", cl::init(false),
    cl::desc("Build each gradient from its augmented forward and reverse functions, kept "
             "apart (a test of the split form)"));

cl::opt<bool> OptimizeGenerated("adjoint-optimize", cl::init(true),
                                cl::desc("Re-optimize the functions Adjoint generates"));
cl::opt<bool> ReuseTapeStorage(
    "adjoint-reuse-tape", cl::init(true),
    cl::desc("Keep the storage of the largest tape each thread freed for its next gradient "
             "(no page faults for tapes malloc serves with mmap)"));
} // namespace

namespace adjoint {
bool printGenerated() { return PrintGenerated; }
bool printActivity() { return PrintActivity; }
PrintModuleKind printModuleAt() { return PrintModule; }
bool optimizeGenerated() { return OptimizeGenerated; }
bool reuseTapeStorage() { return ReuseTapeStorage; }
bool printPerf() { return PrintPerf; }
bool splitGradients() { return SplitGradients; }
} // namespace adjoint
