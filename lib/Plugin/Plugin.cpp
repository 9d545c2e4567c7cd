//===- Plugin/Plugin.cpp - registration with clang, opt and lld -----------===//
//
/// \file
/// The pass-plugin entry point. In clang, AdjointPass runs at the end of
/// the optimization pipeline at every -O level (-O0 included); in full LTO,
/// at the end of the link-time pipeline; in opt, as `-passes=adjoint`.
/// No AD logic lives here.
//
//===----------------------------------------------------------------------===//
#include "Pass/AdjointPass.h"
#include "Support/LLVMCompat.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

static void registerCallbacks(PassBuilder &PB) {
  PB.registerPipelineStartEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(adjoint::ProtectMarkersPass());
  });
  adjoint::registerOptimizerLast(PB, [&PB](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(adjoint::AdjointPass(PB));
  });
  // Link-time optimization runs its own pipeline over IR compiled without
  // the plugin: protect the markers and rule targets there too.
  PB.registerFullLinkTimeOptimizationEarlyEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(adjoint::ProtectMarkersPass());
  });
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [&PB](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(adjoint::AdjointPass(PB));
      });
  PB.registerPipelineParsingCallback(
      [&PB](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "adjoint") {
          MPM.addPass(adjoint::AdjointPass(PB));
          return true;
        }
        if (Name == "adjoint-protect-markers") {
          MPM.addPass(adjoint::ProtectMarkersPass());
          return true;
        }
        return false;
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "Adjoint", "0.1", registerCallbacks};
}
