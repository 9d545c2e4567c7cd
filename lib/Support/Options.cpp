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
cl::alias PrintPerfEnzyme("enzyme-print-perf", cl::aliasopt(PrintPerf),
                          cl::desc("Alias for -adjoint-print-perf"));

// Options that Enzyme's users pass and that mean nothing to Adjoint: its
// type knowledge, inlining and pipeline are its own. Accepted, so that
// build scripts work unchanged, with a note when one is given.
cl::opt<bool> EnzymeLooseTypes("enzyme-loose-types", cl::Hidden,
                               cl::desc("Accepted for compatibility; no effect"));
cl::opt<bool> EnzymeInline("enzyme-inline", cl::Hidden,
                           cl::desc("Accepted for compatibility; no effect"));
cl::opt<bool> EnzymePrintType("enzyme-print-type", cl::Hidden,
                              cl::desc("Accepted for compatibility; no effect"));
cl::opt<bool> EnzymeStrictAliasing("enzyme-strict-aliasing", cl::Hidden,
                                   cl::desc("Accepted for compatibility; no effect"));
cl::opt<bool> EnzymePreopt("enzyme-preopt", cl::Hidden,
                           cl::desc("Accepted for compatibility; no effect"));
cl::opt<unsigned> EnzymeMaxTypeDepth("enzyme-max-type-depth", cl::Hidden,
                                     cl::desc("Accepted for compatibility; no effect"));

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

std::vector<std::string> givenOptionsWithoutEffect() {
  std::vector<std::string> Given;
  for (const cl::Option *O :
       std::initializer_list<const cl::Option *>{&EnzymeLooseTypes, &EnzymeInline,
                                                 &EnzymePrintType, &EnzymeStrictAliasing,
                                                 &EnzymePreopt, &EnzymeMaxTypeDepth})
    if (O->getNumOccurrences())
      Given.push_back(O->ArgStr.str());
  return Given;
}
} // namespace adjoint
