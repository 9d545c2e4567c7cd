//===- Analysis/KnownFunctions.cpp - what known callees do ----------------===//
//
/// \file
/// The tables behind KnownFunctions.h. C++ names are the Itanium manglings.
//
//===----------------------------------------------------------------------===//
#include "Analysis/KnownFunctions.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/ModRef.h"

using namespace llvm;

namespace adjoint {

std::optional<AllocatorInfo> allocatorInfo(const Function &F) {
  StringRef Name = F.getName();
  if (F.hasFnAttribute(UserAllocatorAttr)) {
    unsigned SizeArg = 0;
    StringRef Value = F.getFnAttribute(UserAllocatorAttr).getValueAsString();
    Value.split(';').first.getAsInteger(10, SizeArg);
    return AllocatorInfo{int(SizeArg), -1, false};
  }
  struct Entry {
    const char *Name;
    AllocatorInfo Info;
  };
  static const Entry Table[] = {
      {"malloc", {0, -1, false}},
      {"calloc", {0, 1, true}},
      {"aligned_alloc", {1, -1, false}},
      {"_Znwm", {0, -1, false}},                        // operator new(size_t)
      {"_Znam", {0, -1, false}},                        // operator new[](size_t)
      {"_ZnwmRKSt9nothrow_t", {0, -1, false}},          // new(size_t, nothrow)
      {"_ZnamRKSt9nothrow_t", {0, -1, false}},          // new[](size_t, nothrow)
      {"_ZnwmSt11align_val_t", {0, -1, false}},         // new(size_t, align)
      {"_ZnamSt11align_val_t", {0, -1, false}},         // new[](size_t, align)
  };
  for (const Entry &E : Table)
    if (Name == E.Name)
      return E.Info;
  return std::nullopt;
}

bool isReallocFunction(StringRef Name) { return Name == "realloc"; }

bool isFreeFunction(const Function &F) {
  static const StringSet<> Frees = {
      "free",          "_ZdlPv",  "_ZdaPv", "_ZdlPvm", "_ZdaPvm", "_ZdlPvSt11align_val_t",
      "_ZdaPvSt11align_val_t", "_ZdlPvmSt11align_val_t", "_ZdaPvmSt11align_val_t"};
  return Frees.contains(F.getName()) || F.hasFnAttribute(UserFreeAttr);
}

std::optional<UserDeallocation> userDeallocation(const Function &Alloc) {
  if (!Alloc.hasFnAttribute(UserAllocatorAttr))
    return std::nullopt;
  SmallVector<StringRef, 3> Parts;
  Alloc.getFnAttribute(UserAllocatorAttr).getValueAsString().split(Parts, ';');
  UserDeallocation D{Parts.size() == 3 ? Alloc.getParent()->getFunction(Parts[1]) : nullptr, {}};
  if (!D.Free)
    return std::nullopt;
  SmallVector<StringRef, 2> Args;
  Parts[2].split(Args, ',');
  for (StringRef A : Args) {
    int K = -1;
    A.trim().getAsInteger(10, K);
    D.Args.push_back(K);
  }
  return D;
}

bool callMayAccessGlobals(const CallBase &CB) {
  return isModOrRefSet(CB.getMemoryEffects().getModRef(IRMemLocation::Other));
}

bool isAdjointType(Type *T) {
  if (T->isFPOrFPVectorTy())
    return true;
  if (auto *ST = dyn_cast<StructType>(T))
    return any_of(ST->elements(), isAdjointType);
  if (auto *AT = dyn_cast<ArrayType>(T))
    return isAdjointType(AT->getElementType());
  return false;
}

bool canCarryDerivative(Type *T) {
  if (T->isFPOrFPVectorTy() || T->isPtrOrPtrVectorTy())
    return true;
  if (auto *AT = dyn_cast<ArrayType>(T))
    return canCarryDerivative(AT->getElementType());
  if (auto *ST = dyn_cast<StructType>(T)) {
    for (Type *E : ST->elements())
      if (canCarryDerivative(E))
        return true;
  }
  return false;
}

bool isUntypedStorage(Type *T, bool Within) {
  if (auto *AT = dyn_cast<ArrayType>(T))
    return AT->getElementType()->isIntegerTy(8) || isUntypedStorage(AT->getElementType(), Within);
  auto *ST = dyn_cast<StructType>(T);
  if (!ST)
    return false;
  if (ST->hasName() && ST->getName().starts_with("union."))
    return true;
  return Within && any_of(ST->elements(), [](Type *E) { return isUntypedStorage(E, true); });
}

/// Functions whose effects never carry derivatives.
/// Functions that carry no derivative: I/O, process control, clocks and
/// random numbers, the C++ runtime's failure paths, and the non-numeric
/// parts of the C++ library. Exact names first, then prefixes of Itanium
/// manglings (every overload and instantiation). To add one, add its name.
static bool isKnownInactiveName(StringRef Name) {
  static const StringSet<> Names = {
      // output
      "printf", "fprintf", "sprintf", "snprintf", "puts", "fputs", "putchar", "fputc", "putc",
      "fwrite", "fflush", "perror", "vprintf", "vfprintf", "__printf_chk", "__fprintf_chk",
      "__sprintf_chk", "__snprintf_chk", "_IO_putc", "write", "dprintf",
      // files and process control
      "fopen", "fclose", "exit", "_exit", "abort", "__assert_fail", "__cxa_pure_virtual",
      "atexit", "getenv", "sleep", "usleep",
      // time and random numbers (not differentiable inputs)
      "time", "clock", "clock_gettime", "gettimeofday", "rand", "srand", "random", "srandom",
      // the C++ runtime's failure paths
      "_ZSt9terminatev", "__cxa_throw", "__cxa_allocate_exception", "__cxa_begin_catch",
      "__cxa_end_catch", "_ZSt17__throw_bad_allocv", "_ZSt20__throw_length_errorPKc",
      "_ZSt28__throw_bad_array_new_lengthv", "_ZSt24__throw_out_of_range_fmtPKcz",
      "_ZSt19__throw_logic_errorPKc", "_ZSt20__throw_out_of_rangePKc",
      "_ZSt16__throw_bad_castv", "malloc_usable_size",
      // std::hash of strings and bytes
      "_ZSt11_Hash_bytesPKvmm", "_ZSt15_Fnv_hash_bytesPKvmm"};
  static const StringRef Prefixes[] = {
      "_ZNSo", "_ZNKSo", "_ZNSi", "_ZNKSi",       // std::ostream, std::istream members
      "_ZStls", "_ZStrs",                         // operator<< and >> on streams
      "_ZSt16__ostream_insert", "_ZSt4endl", "_ZSt5flush",
      "_ZNSt8ios_base", "_ZNKSt9basic_ios", "_ZNSt9basic_ios", // stream state
      "_ZNKSt5ctype", "_ZNSt6locale", "_ZNKSt6locale", // locales
      "_ZNSt7__cxx1112basic_string", "_ZNKSt7__cxx1112basic_string", // std::string
      "_ZNSt7__cxx1118basic_stringstream", "_ZNSt7__cxx1119basic_ostringstream",
  };
  if (Names.contains(Name))
    return true;
  for (StringRef P : Prefixes)
    if (Name.starts_with(P))
      return true;
  return false;
}

/// Intrinsics that are markers or hints: no numeric effect at all.
static bool isMarkerIntrinsic(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::dbg_declare:
  case Intrinsic::dbg_value:
  case Intrinsic::dbg_label:
  case Intrinsic::lifetime_start:
  case Intrinsic::lifetime_end:
  case Intrinsic::assume:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::invariant_start:
  case Intrinsic::invariant_end:
  case Intrinsic::prefetch:
  case Intrinsic::stacksave:
  case Intrinsic::stackrestore:
  case Intrinsic::trap:
  case Intrinsic::debugtrap:
  case Intrinsic::donothing:
  case Intrinsic::sideeffect:
  case Intrinsic::var_annotation:
  case Intrinsic::pseudoprobe:
  case Intrinsic::objectsize:
  case Intrinsic::is_constant:
  case Intrinsic::expect:
  case Intrinsic::expect_with_probability:
    return true;
  default:
    return false;
  }
}

bool isInactiveCall(const CallBase &CB) {
  const Function *F = CB.getCalledFunction();
  if (!F)
    return false;
  if (F->isIntrinsic() && isMarkerIntrinsic(F->getIntrinsicID()))
    return true;
  if (isKnownInactiveName(F->getName()) || F->hasFnAttribute(UserInactiveAttr))
    return true;
  // A call that never returns (abort, a panic, a failed precondition's
  // report) hands no derivative back to anything that is differentiated.
  if (CB.doesNotReturn())
    return true;
  // A declaration that writes no memory and returns no float or pointer
  // cannot pass a derivative on (strlen, strcmp, llvm.smax, ...).
  return F->isDeclaration() && CB.onlyReadsMemory() && !canCarryDerivative(CB.getType());
}

} // namespace adjoint
