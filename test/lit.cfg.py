# lit configuration for Adjoint's tests.
#   ir/          opt -passes=adjoint on .ll files, checked with FileCheck
#   diagnostics/ compiles that must fail with a given message
#   integration/ C/C++ programs whose derivatives are checked at run time
import os
import lit.formats

config.name = "Adjoint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".cpp"]
config.excludes = ["include", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.adjoint_obj_root, "test")

# "llvm-19" or "llvm-22": the LLVM the plugin was built against, for the few IR
# tests whose patterns only one version's optimizer produces.
config.available_features.add("llvm-" + config.llvm_version_major)

plugin = os.path.join(config.adjoint_obj_root, "lib", "Adjoint.so")
bindir = os.path.join(config.adjoint_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join([config.llvm_bin, os.environ.get("PATH", "")])
config.environment["ADJOINT_BIN"] = bindir
config.environment["ADJOINT_PLUGIN"] = plugin
config.environment["LLVM_BIN"] = config.llvm_bin

inc = os.path.join(config.test_source_root, "integration", "include")
config.substitutions.append(("%adjoint-cc", os.path.join(bindir, "adjoint-cc") + " -I" + inc))
config.substitutions.append(("%adjoint-cxx", os.path.join(bindir, "adjoint-c++") + " -I" + inc))
config.substitutions.append(("%opt-adjoint",
    os.path.join(config.llvm_bin, "opt") + " -load-pass-plugin=" + plugin))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%clang", os.path.join(config.llvm_bin, "clang")))
config.substitutions.append(("%check-program",
    "bash " + os.path.join(config.test_source_root, "integration", "check-program.sh")))
