//===- Requests/RequestParser.cpp - parse and validate __enzyme_* calls ---===//
//
/// \file
/// Reads the markers of a request call (see docs/enzyme-interface.md) and
/// matches the arguments to the parameters of the function to differentiate.
/// Every mismatch is an error at the call that says what to write instead.
//
//===----------------------------------------------------------------------===//
#include "Requests/DiffRequest.h"
#include "Analysis/KnownFunctions.h"
#include "Requests/Registrations.h"

#include "Support/Diagnostics.h"
#include "Support/LLVMCompat.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace adjoint {

/// The source name of an entry point: C++ code may declare it as a
/// template (`template <class R, class... T> R __enzyme_fwddiff(void *,
/// T...)`), whose symbol is mangled as `_Z16__enzyme_fwddiff...`.
static StringRef sourceName(StringRef Name) {
  if (!Name.consume_front("_Z"))
    return Name;
  unsigned Length = 0;
  if (Name.consumeInteger(10, Length) || Length > Name.size())
    return {};
  return Name.take_front(Length);
}

std::optional<DiffModeKind> requestModeOf(StringRef Name) {
  Name = sourceName(Name);
  if (Name.starts_with("__enzyme_fwddiff"))
    return DiffModeKind::Forward;
  if (Name.starts_with("__enzyme_autodiff"))
    return DiffModeKind::ReverseCombined;
  if (Name.starts_with("__enzyme_augmentfwd"))
    return DiffModeKind::ReverseAugmented;
  if (Name.starts_with("__enzyme_reverse"))
    return DiffModeKind::ReverseSplit;
  if (Name.starts_with("__enzyme_augmentsize"))
    return DiffModeKind::ReverseTapeSize;
  if (Name.starts_with("__enzyme_batch"))
    return DiffModeKind::Batch;
  return std::nullopt;
}

bool isRequestEntryPoint(StringRef Name) {
  // Every `__enzyme_` function is read, so that one Adjoint does not
  // implement is reported instead of left to the linker (or ignored).
  return sourceName(Name).starts_with("__enzyme_");
}

int tapeFieldOfPair(Type *Pair, Type *Result) {
  auto *ST = dyn_cast<StructType>(Pair);
  if (!ST || ST->getNumElements() != 2 || Result->isVoidTy())
    return -1;
  for (unsigned K : {0u, 1u})
    if (ST->getElementType(K)->isPointerTy() && ST->getElementType(1 - K) == Result)
      return K;
  return -1;
}

bool isTypeHint(StringRef Name) {
  Name = sourceName(Name);
  return Name == "__enzyme_float" || Name == "__enzyme_double" ||
         Name == "__enzyme_integer" || Name == "__enzyme_pointer";
}

bool isVirtualReverse(StringRef Name) {
  return sourceName(Name) == "__enzyme_virtualreverse";
}

Function *requestEntryOf(const CallBase &CB) {
  auto *F = dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  return F && F->isDeclaration() && isRequestEntryPoint(F->getName()) ? F : nullptr;
}

/// The value a -O0 local variable holds when it is stored exactly once.
static Value *storedOnce(AllocaInst &Slot) {
  Value *Stored = nullptr;
  for (User *U : Slot.users()) {
    if (auto *S = dyn_cast<StoreInst>(U)) {
      if (Stored || S->getPointerOperand() != &Slot)
        return nullptr;
      Stored = S->getValueOperand();
    } else if (!isa<LoadInst>(U) && !isa<IntrinsicInst>(U)) {
      return nullptr;
    }
  }
  return Stored;
}

/// The constant a defined function always returns, or null: at -O0, a
/// lambda's conversion to a function pointer is such a call.
static Value *constantResult(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isDeclaration() || Callee->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnInst>(Callee->getEntryBlock().getTerminator());
  return Ret && Ret->getReturnValue() && isa<Constant>(Ret->getReturnValue())
             ? Ret->getReturnValue()
             : nullptr;
}

static Function *resolveFunction(Value *V) {
  for (unsigned Step = 0; Step < 4; ++Step) {
    V = V->stripPointerCasts();
    Value *Next = nullptr;
    if (auto *L = dyn_cast<LoadInst>(V)) {
      if (auto *Slot = dyn_cast<AllocaInst>(L->getPointerOperand()->stripPointerCasts()))
        Next = storedOnce(*Slot);
    } else if (auto *CB = dyn_cast<CallBase>(V)) {
      Next = constantResult(*CB);
    }
    if (!Next)
      break;
    V = Next;
  }
  return dyn_cast<Function>(V);
}

Function *requestedFunction(const CallBase &CB) {
  unsigned First = CB.arg_size() > 0 && CB.paramHasAttr(0, Attribute::StructRet) ? 1 : 0;
  return First < CB.arg_size() ? resolveFunction(CB.getArgOperand(First)) : nullptr;
}

std::optional<StringRef> markerName(const Value *V) {
  if (const auto *MV = dyn_cast<MetadataAsValue>(V))
    if (const auto *S = dyn_cast<MDString>(MV->getMetadata()))
      if (S->getString().starts_with("enzyme_"))
        return S->getString();
  // `enzyme_dup` passed by value is a load of the marker global; passed by
  // address it is the global itself (possibly cast to an integer).
  if (const auto *L = dyn_cast<LoadInst>(V))
    V = L->getPointerOperand();
  if (const auto *CE = dyn_cast<ConstantExpr>(V))
    if (CE->isCast())
      V = CE->getOperand(0);
  if (const auto *GV = dyn_cast<GlobalVariable>(V->stripPointerCasts()))
    if (GV->getName().starts_with("enzyme_"))
      return GV->getName();
  return std::nullopt;
}

bool isPassableAs(Type *From, Type *To) {
  if (From == To)
    return true;
  // C passes a float through `...` as a double, and small integers as int.
  if (From->isDoubleTy() && To->isFloatTy())
    return true;
  if (From->isIntegerTy() && To->isIntegerTy())
    return From->getIntegerBitWidth() >= To->getIntegerBitWidth();
  return false;
}

static std::string typeName(Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  T->print(OS);
  return S;
}

namespace {

/// Walks the call's operands left to right.
class RequestReader {
public:
  RequestReader(CallInst &Call, DiffModeKind Mode, Diagnostics &Diags)
      : Call(Call), Mode(Mode), Diags(Diags) {}

  std::optional<DiffRequest> read();

private:
  bool atEnd() const { return Next >= Call.arg_size(); }
  Value *peek() const { return Call.getArgOperand(Next); }
  std::optional<StringRef> peekMarker() const {
    return atEnd() ? std::nullopt : markerName(peek());
  }
  bool readWidth();
  bool readParameter(Argument &Param, RequestArg &Out);
  bool readBatchParameter(Argument &Param, RequestArg &Out);
  bool readShadows(Argument &Param, RequestArg &Arg, StringRef Marker);
  /// Reports a by-value struct the ABI split in two, when debug info shows one.
  bool checkSplitStructs();
  bool readTape();
  bool readCallerTape();
  bool readTrailingCallerTape();
  bool checkCallerTape();
  const char *entryName() const {
    switch (Mode) {
    case DiffModeKind::Forward:
      return "__enzyme_fwddiff";
    case DiffModeKind::ReverseCombined:
      return "__enzyme_autodiff";
    case DiffModeKind::ReverseAugmented:
      return "__enzyme_augmentfwd";
    case DiffModeKind::ReverseSplit:
      return "__enzyme_reverse";
    case DiffModeKind::ReverseTapeSize:
      return "__enzyme_augmentsize";
    case DiffModeKind::Batch:
      return "__enzyme_batch";
    }
    return "";
  }

  CallInst &Call;
  DiffModeKind Mode;
  Diagnostics &Diags;
  DiffRequest Req;
  unsigned Next = 1;
  bool SawWidth = false;
};

} // namespace

bool RequestReader::readWidth() {
  ++Next; // the marker
  if (atEnd()) {
    Diags.error(Call, "enzyme_width must be followed by the batch width, a constant "
                      "such as 4");
    return false;
  }
  auto *N = dyn_cast<ConstantInt>(peek());
  if (!N || N->isZero() || N->getZExtValue() > 64) {
    Diags.error(Call, "the batch width after enzyme_width must be a compile-time "
                      "constant between 1 and 64; write a literal such as "
                      "`enzyme_width, 4`");
    return false;
  }
  if (SawWidth) {
    Diags.error(Call, "enzyme_width is given twice; give it once, before the arguments");
    return false;
  }
  SawWidth = true;
  Req.Width = N->getZExtValue();
  ++Next;
  return true;
}

/// A by-value struct that the x86-64 C ABI passes as two register
/// arguments (9 to 16 bytes, not passed by reference, no long double): in
/// the IR its halves look like two parameters, and a request would pair
/// them with the wrong shadows. The front-end plugin reports it from the
/// C types; routes without it (opt, -fpass-plugin alone, link-time
/// optimization) see it in debug info when the program has it (-g).
static bool splitsOverRegisters(const DIType *T) {
  while (auto *D = dyn_cast_or_null<DIDerivedType>(T)) {
    if (D->getTag() != dwarf::DW_TAG_typedef && D->getTag() != dwarf::DW_TAG_const_type &&
        D->getTag() != dwarf::DW_TAG_volatile_type)
      return false;
    T = D->getBaseType();
  }
  auto *C = dyn_cast_or_null<DICompositeType>(T);
  if (!C || C->getSizeInBits() <= 64 || C->getSizeInBits() > 128 ||
      C->getFlags() & DINode::FlagTypePassByReference ||
      (C->getTag() != dwarf::DW_TAG_structure_type && C->getTag() != dwarf::DW_TAG_class_type))
    return false;
  for (const DINode *E : C->getElements())
    if (auto *M = dyn_cast<DIDerivedType>(E); M && M->getTag() == dwarf::DW_TAG_member)
      if (auto *B = dyn_cast_or_null<DIBasicType>(M->getBaseType());
          B && B->getEncoding() == dwarf::DW_ATE_float && B->getSizeInBits() > 64)
        return false; // long double: passed in memory
  return true;
}

/// C, C++ and Objective-C: the languages whose by-value structs follow the C
/// ABI (Rust's pairs are read by Rust/RustRequests.cpp).
static bool isCFamily(const DISubprogram &SP) {
  std::optional<unsigned> Lang = SP.getUnit() ? sourceLanguage(*SP.getUnit()) : std::nullopt;
  if (!Lang)
    return false;
  switch (*Lang) {
  case dwarf::DW_LANG_C:
  case dwarf::DW_LANG_C89:
  case dwarf::DW_LANG_C99:
  case dwarf::DW_LANG_C11:
  case dwarf::DW_LANG_C17:
  case dwarf::DW_LANG_C_plus_plus:
  case dwarf::DW_LANG_C_plus_plus_03:
  case dwarf::DW_LANG_C_plus_plus_11:
  case dwarf::DW_LANG_C_plus_plus_14:
  case dwarf::DW_LANG_C_plus_plus_17:
  case dwarf::DW_LANG_C_plus_plus_20:
  case dwarf::DW_LANG_ObjC:
  case dwarf::DW_LANG_ObjC_plus_plus:
    return true;
  default:
    return false;
  }
}

bool RequestReader::checkSplitStructs() {
  const DISubprogram *SP = Req.Fn->getSubprogram();
  if (!SP || !SP->getType() || !isCFamily(*SP) ||
      Triple(Req.Fn->getParent()->getTargetTriple()).getArch() != Triple::x86_64)
    return true;
  DITypeRefArray Types = SP->getType()->getTypeArray();
  if (Types.size() < 2)
    return true; // line tables only: no parameter types
  unsigned IRParams = any_of(Req.Fn->args(), [](Argument &A) { return A.hasStructRetAttr(); });
  int Split = -1;
  for (unsigned I = 1; I < Types.size(); ++I) {
    bool Two = splitsOverRegisters(Types[I]);
    if (Two && Split < 0)
      Split = int(I);
    IRParams += Two ? 2 : 1;
  }
  // Only when the count confirms the split (anything else is left alone).
  if (Split < 0 || IRParams != Req.Fn->arg_size())
    return true;
  const DIType *T = Types[Split];
  Diags.error(Call, Twine("argument ") + Twine(Split) + " of '" + SP->getName() +
                        "' is a struct passed by value ('" + (T ? T->getName() : "") +
                        "'), which the C ABI splits over two registers; a request cannot "
                        "pair its parts with their shadows yet: pass it by pointer (with its "
                        "shadow after it)");
  return false;
}

bool RequestReader::readShadows(Argument &Param, RequestArg &Arg, StringRef Marker) {
  unsigned ArgNo = Param.getArgNo() + 1;
  Type *PrimalTy = Arg.Primal->getType();
  unsigned Count = Arg.ShadowStride ? 1 : Req.Width;
  for (unsigned K = 0; K < Count; ++K) {
    if (atEnd()) {
      Diags.error(Call, Twine("argument ") + Twine(ArgNo) + " of '" + Req.Fn->getName() +
                            "' is duplicated (" + Marker + ") but its shadow is missing: pass " +
                            (Count == 1 ? Twine("the shadow")
                                        : Twine(Count) + " shadows (one per batch lane)") +
                            " right after the primal value, or mark it enzyme_const");
      return false;
    }
    Value *Shadow = peek();
    if (markerName(Shadow)) {
      Diags.error(Call, Twine("argument ") + Twine(ArgNo) + " of '" + Req.Fn->getName() +
                            "' needs a shadow after its primal, but a marker follows; "
                            "pass the shadow, or mark the argument enzyme_const");
      return false;
    }
    Type *Expected = Arg.ShadowStride ? Shadow->getType() : PrimalTy;
    if (Arg.ShadowStride && !Expected->isPointerTy()) {
      Diags.error(Call, Twine("enzyme_dupv argument ") + Twine(ArgNo) +
                            " needs a pointer to the first shadow, got " +
                            typeName(Shadow->getType()));
      return false;
    }
    if (Shadow->getType() != Expected) {
      Diags.error(Call, Twine("shadow of argument ") + Twine(ArgNo) + " of '" +
                            Req.Fn->getName() + "' has type " + typeName(Shadow->getType()) +
                            " but its primal has type " + typeName(PrimalTy) +
                            "; pass a shadow of the same type as the primal");
      return false;
    }
    Arg.Shadows.push_back(Shadow);
    ++Next;
  }
  return true;
}

/// __enzyme_batch: `enzyme_vector, v1, ..., vN` (one value per lane) or
/// `[enzyme_scalar,] v` (the same value in every lane).
bool RequestReader::readBatchParameter(Argument &Param, RequestArg &Arg) {
  unsigned ArgNo = Param.getArgNo() + 1;
  std::optional<StringRef> Marker = peekMarker();
  if (Marker && *Marker != "enzyme_vector" && *Marker != "enzyme_scalar") {
    Diags.error(Call, Twine("marker '") + *Marker + "' before argument " + Twine(ArgNo) +
                          " is not one of __enzyme_batch's: mark an argument enzyme_vector "
                          "(then one value per lane) or enzyme_scalar (one value for every "
                          "lane)");
    return false;
  }
  if (Marker)
    ++Next;
  unsigned Count = Marker == StringRef("enzyme_vector") ? Req.Width : 1;
  Arg.Activity = Count > 1 ? ActivityKind::Dup : ActivityKind::Const;
  for (unsigned K = 0; K < Count; ++K) {
    if (atEnd() || markerName(peek())) {
      Diags.error(Call, Twine("argument ") + Twine(ArgNo) + " of '" +
                            demangle(Req.Fn->getName()) + "' needs " +
                            (Count > 1 ? Twine(Count) + " values (enzyme_vector: one per lane)"
                                       : Twine("a value")) +
                            (atEnd() ? ", but the request ends" : ", but a marker follows") +
                            "; pass every parameter, a vector one once per lane");
      return false;
    }
    Value *V = peek();
    if (!isPassableAs(V->getType(), Param.getType()) ||
        (K > 0 && V->getType() != Arg.Primal->getType())) {
      Diags.error(Call, Twine("lane ") + Twine(K + 1) + " of argument " + Twine(ArgNo) +
                            " of '" + demangle(Req.Fn->getName()) + "' has type " +
                            typeName(V->getType()) + " but the parameter has type " +
                            typeName(Param.getType()) +
                            "; check the markers and the number of values per lane");
      return false;
    }
    (K == 0 ? Arg.Primal : Arg.Shadows.emplace_back()) = V;
    ++Next;
  }
  return true;
}

bool RequestReader::readParameter(Argument &Param, RequestArg &Arg) {
  if (Mode == DiffModeKind::Batch)
    return readBatchParameter(Param, Arg);
  unsigned ArgNo = Param.getArgNo() + 1;
  std::optional<StringRef> Marker = peekMarker();
  if (Marker) {
    if (*Marker == "enzyme_dup")
      Arg.Activity = ActivityKind::Dup;
    else if (*Marker == "enzyme_dupnoneed")
      Arg.Activity = ActivityKind::DupNoNeed;
    else if (*Marker == "enzyme_const")
      Arg.Activity = ActivityKind::Const;
    else if (*Marker == "enzyme_dupv")
      Arg.Activity = ActivityKind::Dup;
    else if (*Marker == "enzyme_out") {
      if (Mode == DiffModeKind::Forward) {
        Diags.error(Call, Twine("enzyme_out (argument ") + Twine(ArgNo) +
                              ") is a reverse-mode marker; in __enzyme_fwddiff pass the "
                              "argument as enzyme_dup followed by its tangent");
        return false;
      }
      Arg.Activity = ActivityKind::Out;
    } else if (*Marker == "enzyme_width") {
      Diags.error(Call, "enzyme_width must come before the function's arguments: "
                        "write `__enzyme_fwddiff(f, enzyme_width, N, ...)`");
      return false;
    } else {
      Diags.error(Call, Twine("unknown or unsupported marker '") + *Marker +
                            "' before argument " + Twine(ArgNo) +
                            "; markers are enzyme_dup, enzyme_dupnoneed, enzyme_const, "
                            "enzyme_dupv and enzyme_width (enzyme_out in reverse mode)");
      return false;
    }
    ++Next;
    if (*Marker == "enzyme_dupv") {
      if (!Param.getType()->isPointerTy()) {
        Diags.error(Call, Twine("enzyme_dupv applies to pointer parameters, but argument ") +
                              Twine(ArgNo) + " of '" + Req.Fn->getName() + "' has type " +
                              typeName(Param.getType()) +
                              "; pass its tangents after it with enzyme_dup instead");
        return false;
      }
      if (atEnd() || !peek()->getType()->isIntegerTy()) {
        Diags.error(Call, "enzyme_dupv must be followed by the byte stride between "
                          "shadows, then the primal, then the first shadow");
        return false;
      }
      Arg.ShadowStride = peek();
      ++Next;
    }
  }
  if (atEnd()) {
    Diags.error(Call, Twine("too few arguments: '") + Req.Fn->getName() + "' takes " +
                          Twine(Req.Fn->arg_size()) + " parameters but the request ends before "
                          "argument " + Twine(ArgNo) + "; pass every parameter, each "
                          "followed by its shadow when it is duplicated");
    return false;
  }
  Arg.Primal = peek();
  if (std::optional<StringRef> Extra = markerName(Arg.Primal)) {
    Diags.error(Call, Twine("a marker (") + *Extra + ") stands where the value of argument " +
                          Twine(ArgNo) + " of '" + Req.Fn->getName() +
                          "' was expected; give each argument at most one marker");
    return false;
  }
  ++Next;
  if (!isPassableAs(Arg.Primal->getType(), Param.getType())) {
    Diags.error(Call, Twine("argument ") + Twine(ArgNo) + " of '" + Req.Fn->getName() +
                          "' has type " + typeName(Arg.Primal->getType()) +
                          " but the parameter has type " + typeName(Param.getType()) +
                          "; check the order of the arguments and their shadows");
    return false;
  }
  if (Arg.Activity == ActivityKind::Out && !isAdjointType(Param.getType())) {
    Diags.error(Call, Twine("argument ") + Twine(ArgNo) + " of '" + demangle(Req.Fn->getName()) +
                          "' is marked enzyme_out (Rust: Active), which returns the derivative "
                          "of a float value, but it has type " + typeName(Param.getType()) +
                          (Param.getType()->isPointerTy()
                               ? "; a pointer or reference gets its derivative in a shadow: "
                                 "mark it enzyme_dup (Rust: Duplicated)"
                               : "; an integer carries no derivative: mark it enzyme_const "
                                 "(Rust: Const)"));
    return false;
  }
  if (!Marker) {
    // Defaults: pointers and floats are duplicated in forward mode; floats
    // are active outputs in reverse mode; everything else is constant.
    Type *T = Param.getType();
    if (T->isPointerTy())
      Arg.Activity = ActivityKind::Dup;
    else if (isAdjointType(T))
      Arg.Activity = Mode == DiffModeKind::Forward ? ActivityKind::Dup : ActivityKind::Out;
  }
  if (Arg.isDuplicated())
    return readShadows(Param, Arg, Marker ? *Marker : StringRef("by default"));
  return true;
}

/// Split mode, before the arguments: `enzyme_allocated, N` (the bytes the
/// caller gave the tape) and `enzyme_tape, p` (where the tape lives).
bool RequestReader::readCallerTape() {
  StringRef Marker = *peekMarker();
  ++Next;
  if (atEnd() || markerName(peek()) ||
      !(Marker == "enzyme_tape" ? peek()->getType()->isPointerTy()
                                : peek()->getType()->isIntegerTy())) {
    Diags.error(Call, Marker == "enzyme_tape"
                          ? Twine("enzyme_tape must be followed by the memory that holds the "
                                  "tape (a pointer)")
                          : Twine("enzyme_allocated must be followed by the size of the "
                                  "caller's tape memory, from __enzyme_augmentsize"));
    return false;
  }
  (Marker == "enzyme_tape" ? Req.TapeBuffer : Req.TapeBufferBytes) = peek();
  ++Next;
  return true;
}

/// Split mode, after the arguments (and the adjoint of the result): the
/// caller's tape memory may be given there too, `enzyme_allocated, N,
/// enzyme_tape, p`, as well as before the arguments.
bool RequestReader::readTrailingCallerTape() {
  if (Req.TapeBuffer || peekMarker() != StringRef("enzyme_allocated"))
    return true;
  while (peekMarker() == StringRef("enzyme_allocated") ||
         (!Req.TapeBuffer && peekMarker() == StringRef("enzyme_tape")))
    if (!readCallerTape())
      return false;
  return checkCallerTape();
}

/// The caller's tape memory, when given, is given whole and is large enough.
bool RequestReader::checkCallerTape() {
  if (Req.TapeBufferBytes && !Req.TapeBuffer) {
    Diags.error(Call, "enzyme_allocated gives the size of the caller's tape memory; give the "
                      "memory itself too, with enzyme_tape, p");
    return false;
  }
  if (auto *N = dyn_cast_or_null<ConstantInt>(Req.TapeBufferBytes);
      N && N->getZExtValue() < CallerTapeBytes) {
    Diags.error(Call, Twine("the caller's tape memory (enzyme_allocated, ") +
                          Twine(N->getZExtValue()) + ") is smaller than the " +
                          Twine(CallerTapeBytes) + " bytes __enzyme_augmentsize reports");
    return false;
  }
  return true;
}

/// __enzyme_reverse, after the function's arguments: the adjoint of its
/// float result (when it returns one), then the tape (optionally after
/// enzyme_tape).
bool RequestReader::readTape() {
  Type *Ret = Req.Fn->getReturnType();
  if (isAdjointType(Ret)) {
    if (atEnd() || peekMarker() || !isPassableAs(peek()->getType(), Ret)) {
      Diags.error(Call, Twine("'") + Req.Fn->getName() + "' returns " + typeName(Ret) +
                            ": after its arguments, __enzyme_reverse takes the adjoint of "
                            "that result (e.g. 1.0), then the tape from __enzyme_augmentfwd");
      return false;
    }
    Req.Seed = peek();
    ++Next;
  }
  if (!readTrailingCallerTape())
    return false;
  if (Req.TapeBuffer)
    return true; // the tape lives in the caller's memory, given before or here
  if (peekMarker() == StringRef("enzyme_tape"))
    ++Next;
  if (atEnd() || !peek()->getType()->isPointerTy()) {
    Diags.error(Call, Twine("__enzyme_reverse ends with the tape that __enzyme_augmentfwd "
                            "returned for the same arguments (a pointer)") +
                          (atEnd() ? "; it is missing" : "; a value of another type is there"));
    return false;
  }
  Req.Tape = peek();
  ++Next;
  return true;
}

std::optional<DiffRequest> RequestReader::read() {
  Req.Call = &Call;
  Req.Mode = Mode;
  Req.ResultType = Call.getType();
  if (Call.arg_size() > 0 && Call.paramHasAttr(0, Attribute::StructRet)) {
    Req.ResultPtr = Call.getArgOperand(0);
    Req.ResultType = Call.getParamStructRetType(0);
    Next = 2;
  }
  if (Call.arg_size() < Next) {
    Diags.error(Call, Twine(entryName()) + " needs the function to differentiate as its "
                                           "first argument");
    return std::nullopt;
  }
  Req.Fn = requestedFunction(Call);
  // A user rule stands in for a body that is not here.
  bool RuleServes =
      Req.Fn && (Mode == DiffModeKind::Forward
                     ? forwardRuleOf(*Req.Fn) != nullptr
                     : Mode != DiffModeKind::ReverseTapeSize && bool(gradientRuleOf(*Req.Fn)));
  if (Mode == DiffModeKind::Batch)
    RuleServes = true; // a batch only calls the function
  if (!Req.Fn || (Req.Fn->isDeclaration() && !RuleServes)) {
    Diags.error(Call, Twine("the first argument of ") + entryName() +
                          " must name a function defined in this translation unit "
                          "(pass it directly, e.g. `(void *)f`; a function pointer computed "
                          "at run time cannot be resolved)" +
                          (Req.Fn ? Twine("; '") + Req.Fn->getName() +
                                        "' is only declared here (build with -flto and the "
                                        "Adjoint linker plugin to differentiate across files)"
                                  : Twine("")));
    return std::nullopt;
  }
  if (Req.Fn->isVarArg()) {
    Diags.error(Call, Twine("cannot differentiate variadic function '") + Req.Fn->getName() +
                          "'; wrap it in a function with fixed parameters");
    return std::nullopt;
  }
  if (!checkSplitStructs())
    return std::nullopt;
  bool Split = Mode == DiffModeKind::ReverseAugmented || Mode == DiffModeKind::ReverseSplit;
  for (;;) {
    std::optional<StringRef> M = peekMarker();
    if (M == StringRef("enzyme_width")) {
      if (!readWidth())
        return std::nullopt;
    } else if (M == StringRef("enzyme_primal_return") &&
               (Mode == DiffModeKind::Forward || Mode == DiffModeKind::ReverseCombined)) {
      Req.PrimalReturn = true;
      ++Next;
    } else if (M == StringRef("enzyme_const_return") &&
               (Mode == DiffModeKind::Forward || Mode == DiffModeKind::ReverseCombined)) {
      Req.ConstReturn = true;
      ++Next;
    } else if (M == StringRef("enzyme_runtime_activity") && Mode != DiffModeKind::Batch) {
      Req.RuntimeActivity = true;
      ++Next;
    } else if (Split && (M == StringRef("enzyme_allocated") || M == StringRef("enzyme_tape"))) {
      if (!readCallerTape())
        return std::nullopt;
    } else {
      break;
    }
  }
  if (!checkCallerTape())
    return std::nullopt;
  if (Mode == DiffModeKind::Batch && !SawWidth) {
    Diags.error(Call, "__enzyme_batch needs the number of lanes: write "
                      "`__enzyme_batch(f, enzyme_width, N, enzyme_vector, x1, ..., xN, ...)`");
    return std::nullopt;
  }
  for (Argument &Param : Req.Fn->args()) {
    RequestArg Arg;
    if (Param.hasStructRetAttr() && Mode == DiffModeKind::Batch) {
      Diags.error(Call, "'" + demangle(Req.Fn->getName()) + "' returns a struct in memory, "
                        "which __enzyme_batch does not return per lane yet: return it "
                        "through a pointer argument (enzyme_vector, one per lane)");
      return std::nullopt;
    } else if (Param.hasStructRetAttr()) {
      // The C function returns a struct in memory: not an argument in C.
      Arg.Activity = ActivityKind::Dup;
      Arg.IsResultSlot = true;
    } else if (!readParameter(Param, Arg)) {
      return std::nullopt;
    }
    Req.Args.push_back(Arg);
  }
  // The caller's tape memory may also follow the arguments (and, for
  // __enzyme_reverse, the adjoint of the result): `enzyme_allocated, N,
  // enzyme_tape, p`.
  if (Mode == DiffModeKind::ReverseSplit && !readTape())
    return std::nullopt;
  if (Mode == DiffModeKind::ReverseAugmented && !readTrailingCallerTape())
    return std::nullopt;
  if (!atEnd()) {
    Diags.error(Call, Twine("too many arguments: '") + Req.Fn->getName() + "' takes " +
                          Twine(Req.Fn->arg_size()) + " parameters, but the request passes " +
                          Twine(Call.arg_size() - Next) + " more value(s); check the markers "
                          "and that each duplicated argument has exactly its shadows");
    return std::nullopt;
  }
  return Req;
}

std::optional<DiffRequest> parseRequest(CallInst &Call, DiffModeKind Mode, Diagnostics &Diags) {
  return RequestReader(Call, Mode, Diags).read();
}

} // namespace adjoint
