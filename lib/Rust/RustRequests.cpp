//===- Rust/RustRequests.cpp - rustc's requests, made exact ---------------===//
//
/// \file
/// See RustRequests.h. The Rust parameter types come from the primal's debug
/// info (`-C debuginfo=2`); the number of LLVM parameters each one lowers to
/// follows the Rust ABI: none for a zero-sized type, two for a pair of
/// scalars, one otherwise.
//
//===----------------------------------------------------------------------===//
#include "Rust/RustRequests.h"
#include "Requests/DiffRequest.h"
#include "Support/Diagnostics.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include <optional>

using namespace llvm;

namespace adjoint {
namespace {

/// One activity group of a request: a marker and the values after it.
struct Group {
  StringRef Marker;
  unsigned Begin = 0; ///< operand index of the marker
  unsigned End = 0;   ///< one past the last value
  unsigned size() const { return End - Begin - 1; }
  bool isDuplicated() const { return Marker == "enzyme_dup" || Marker == "enzyme_dupnoneed"; }
};

/// A request as rustc writes it: leading markers, then one group per LLVM
/// parameter of the primal (rustc marks every one).
struct RustCall {
  CallInst *Call = nullptr;
  Function *Fn = nullptr;
  DiffModeKind Mode = DiffModeKind::Forward;
  unsigned Width = 1;
  bool PrimalReturn = false;
  unsigned FirstGroup = 1; ///< operand index after the leading markers
  SmallVector<Group, 8> Groups;
};

std::optional<RustCall> readRustCall(CallInst &Call, DiffModeKind Mode) {
  RustCall R;
  R.Call = &Call;
  R.Mode = Mode;
  R.Fn = requestedFunction(Call);
  if (!R.Fn || Call.arg_size() == 0 || R.Fn->isDeclaration())
    return std::nullopt;
  unsigned I = 1;
  for (; I < Call.arg_size(); ++I) {
    std::optional<StringRef> M = markerName(Call.getArgOperand(I));
    if (M == StringRef("enzyme_primal_return")) {
      R.PrimalReturn = true;
    } else if (M == StringRef("enzyme_width") && I + 1 < Call.arg_size()) {
      if (auto *N = dyn_cast<ConstantInt>(Call.getArgOperand(I + 1)))
        R.Width = N->getZExtValue();
      ++I;
    } else {
      break;
    }
  }
  R.FirstGroup = I;
  for (; I < Call.arg_size(); ++I) {
    std::optional<StringRef> M = markerName(Call.getArgOperand(I));
    if (M) {
      R.Groups.push_back({*M, I, I + 1});
    } else if (R.Groups.empty()) {
      return std::nullopt; // not rustc's shape: every value follows a marker
    } else {
      R.Groups.back().End = I + 1;
    }
  }
  return R;
}

const DIType *stripQualifiers(const DIType *T) {
  while (auto *D = dyn_cast_or_null<DIDerivedType>(T)) {
    unsigned Tag = D->getTag();
    if (Tag != dwarf::DW_TAG_typedef && Tag != dwarf::DW_TAG_const_type &&
        Tag != dwarf::DW_TAG_volatile_type && Tag != dwarf::DW_TAG_member)
      break;
    T = D->getBaseType();
  }
  return T;
}

/// The scalar fields of \p T, depth first, skipping zero-sized ones; false
/// when \p T holds something that is not a scalar (an array, a union) or
/// whose layout debug info does not show plainly (an enum).
bool collectScalars(const DIType *T, unsigned &Count, unsigned Depth = 0) {
  T = stripQualifiers(T);
  if (!T || Depth > 8)
    return false;
  if (T->getSizeInBits() == 0)
    return true;
  if (isa<DIBasicType>(T)) {
    ++Count;
    return true;
  }
  if (auto *D = dyn_cast<DIDerivedType>(T)) {
    if (D->getTag() == dwarf::DW_TAG_pointer_type || D->getTag() == dwarf::DW_TAG_reference_type) {
      ++Count;
      return true;
    }
    return false;
  }
  auto *C = dyn_cast<DICompositeType>(T);
  if (!C || C->getTag() != dwarf::DW_TAG_structure_type)
    return false;
  for (const DINode *E : C->getElements()) {
    auto *Member = dyn_cast<DIDerivedType>(E);
    if (!Member || Member->getTag() != dwarf::DW_TAG_member)
      return false; // a variant part: an enum
    if (Member->isStaticMember())
      continue;
    if (!collectScalars(Member->getBaseType(), Count, Depth + 1))
      return false;
  }
  return true;
}

/// How many LLVM parameters the Rust ABI gives a parameter of type \p T,
/// or nothing when its debug info does not say.
std::optional<unsigned> loweredParameters(const DIType *T) {
  T = stripQualifiers(T);
  if (!T)
    return std::nullopt;
  if (T->getSizeInBits() == 0)
    return 0;
  unsigned Scalars = 0;
  if (collectScalars(T, Scalars))
    return Scalars == 2 ? 2 : 1;
  // Anything else that is not a pair is one value, in a register or behind
  // a pointer; an enum may be a pair (Option<f64>): not known.
  auto *C = dyn_cast<DICompositeType>(T);
  if (C && C->getTag() == dwarf::DW_TAG_array_type)
    return 1;
  return std::nullopt;
}

/// For each LLVM parameter of \p F (sret excluded), the Rust parameter it
/// belongs to, from \p F's debug info; empty when that is not known.
SmallVector<unsigned, 8> rustParameterOf(const Function &F) {
  const DISubprogram *SP = F.getSubprogram();
  const DISubroutineType *Ty = SP ? SP->getType() : nullptr;
  if (!Ty)
    return {};
  DITypeRefArray Types = Ty->getTypeArray();
  unsigned LLVMParams = 0;
  for (const Argument &A : F.args())
    LLVMParams += !A.hasStructRetAttr();
  if (Types.size() == 0 || (Types.size() == 1 && LLVMParams != 0))
    return {}; // line tables only: no types
  SmallVector<unsigned, 8> Owner;
  for (unsigned P = 1; P < Types.size(); ++P) {
    std::optional<unsigned> N = loweredParameters(Types[P]);
    if (!N)
      return {};
    Owner.append(*N, P - 1);
  }
  if (Owner.size() != LLVMParams)
    return {};
  return Owner;
}

std::string rustName(const Function &F) {
  if (const DISubprogram *SP = F.getSubprogram())
    if (!SP->getName().empty())
      return demangle(SP->getLinkageName().empty() ? F.getName() : SP->getLinkageName());
  return demangle(F.getName());
}

/// A Vec inside the memory a reference points to: where its length is,
/// and a path such as `.weights` for messages.
struct VecLength {
  uint64_t Offset; ///< bytes from the start of the pointee
  std::string Path;
};

/// The Vecs of \p T (a Vec itself, or struct fields, depth first; not
/// behind further pointers), with the byte offsets of their lengths.
void findVecLengths(const DIType *T, uint64_t Offset, const std::string &Path,
                    SmallVectorImpl<VecLength> &Out, unsigned Depth = 0) {
  T = stripQualifiers(T);
  auto *C = dyn_cast_or_null<DICompositeType>(T);
  if (!C || C->getTag() != dwarf::DW_TAG_structure_type || Depth > 6)
    return;
  bool IsVec = C->getName().starts_with("Vec<");
  for (const DINode *E : C->getElements()) {
    auto *Member = dyn_cast<DIDerivedType>(E);
    if (!Member || Member->getTag() != dwarf::DW_TAG_member || Member->isStaticMember())
      continue;
    uint64_t At = Offset + Member->getOffsetInBits() / 8;
    if (IsVec) {
      if (Member->getName() == "len")
        Out.push_back({At, Path.empty() ? std::string("the Vec") : Path});
      continue;
    }
    findVecLengths(Member->getBaseType(), At, Path + "." + Member->getName().str(), Out,
                   Depth + 1);
  }
}

/// The source name of \p F's Rust parameter \p Index (0-based), if known.
std::string rustParameterName(const Function &F, unsigned Index) {
  if (const DISubprogram *SP = F.getSubprogram())
    for (const DINode *N : SP->getRetainedNodes())
      if (auto *V = dyn_cast<DILocalVariable>(N); V && V->getArg() == Index + 1)
        return "`" + V->getName().str() + "`";
  return "argument " + std::to_string(Index + 1);
}

/// Rewrites a duplicated pair's groups \p A and \p B (rustc's order: the
/// pair's two fields, then each lane's two tangents) into one group per
/// field, each with its primal and then its tangents.
void splitPair(const Group &A, const Group &B, SmallVectorImpl<Value *> &Ops) {
  SmallVector<Value *, 8> Values;
  for (unsigned I = A.Begin + 1; I < B.End; ++I)
    if (I != B.Begin)
      Values.push_back(Ops[I]);
  Value *MarkerA = Ops[A.Begin], *MarkerB = Ops[B.Begin];
  unsigned Lanes = Values.size() / 2; // the primal and each tangent
  unsigned I = A.Begin;
  for (unsigned Field = 0; Field < 2; ++Field) {
    Ops[I++] = Field ? MarkerB : MarkerA;
    for (unsigned L = 0; L < Lanes; ++L)
      Ops[I++] = Values[2 * L + Field];
  }
}

class RustRequests {
public:
  explicit RustRequests(Module &M) : M(M) {}

  bool run();

private:
  /// Puts duplicated pairs into the C order in \p Ops; false when the call
  /// is ambiguous and was reported.
  bool fixPairs(RustCall &R, SmallVectorImpl<Value *> &Ops);
  bool fixConstReturn(RustCall &R, SmallVectorImpl<Value *> &Ops);
  void checkVecShadows(RustCall &R);
  bool readForwardReturn(RustCall &R, SmallVectorImpl<Value *> &Ops);
  Value *marker(StringRef Name) {
    return M.getOrInsertGlobal(Name, PointerType::getUnqual(M.getContext()));
  }

  Module &M;
  Diagnostics Diags;
};

bool RustRequests::fixPairs(RustCall &R, SmallVectorImpl<Value *> &Ops) {
  unsigned Params = 0;
  for (const Argument &A : R.Fn->args())
    Params += !A.hasStructRetAttr();
  if (R.Groups.size() != Params)
    return true; // not rustc's one-group-per-parameter shape: parsed as written
  SmallVector<unsigned, 8> Owner = rustParameterOf(*R.Fn);
  for (unsigned K = 0; K + 1 < R.Groups.size(); ++K) {
    const Group &A = R.Groups[K], &B = R.Groups[K + 1];
    if (!A.isDuplicated() || !B.isDuplicated())
      continue;
    if (!Owner.empty()) {
      if (Owner[K] != Owner[K + 1])
        continue; // two Rust parameters
      // One Rust parameter in two LLVM parameters, both duplicated: a pair.
      if (A.size() + B.size() != 2 * (R.Width + 1))
        continue;
      splitPair(A, B, Ops);
      ++K;
      continue;
    }
    // No debug info: a pair and two separate parameters look the same when
    // all four values (or 2 * (width + 1)) have one type.
    if (R.Mode != DiffModeKind::Forward || A.size() != R.Width + 1 || B.size() != R.Width + 1)
      continue;
    Type *T = R.Call->getArgOperand(A.Begin + 1)->getType();
    bool OneType = true;
    for (unsigned I = A.Begin + 1; I < B.End; ++I)
      if (I != B.Begin && R.Call->getArgOperand(I)->getType() != T)
        OneType = false;
    if (!OneType)
      continue;
    Diags.error(*R.Call,
                "cannot tell how rustc passed arguments " + Twine(K + 1) + " and " +
                    Twine(K + 2) + " of '" + rustName(*R.Fn) +
                    "': a tuple or two-field struct passed by value as Dual reaches the "
                    "backend exactly like two separate Dual arguments of the same type "
                    "(rustc passes the pair's two fields first, then their tangents). "
                    "Build with debug info (-C debuginfo=2; Cargo: `debug = true` in the "
                    "profile) so that Adjoint can read the parameter types, or pass the "
                    "tuple by reference");
    return false;
  }
  return true;
}

/// Reverse mode: a Const return comes back as the primal result with no
/// enzyme_primal_return. The call's type shows it: one value more than the
/// adjoints of the enzyme_out arguments, f's result first.
bool RustRequests::fixConstReturn(RustCall &R, SmallVectorImpl<Value *> &Ops) {
  Type *Ret = R.Fn->getReturnType();
  if (R.PrimalReturn || Ret->isVoidTy())
    return false;
  unsigned Outs = 0;
  for (const Group &G : R.Groups)
    Outs += G.Marker == "enzyme_out";
  Type *CallTy = R.Call->getType();
  Type *First = CallTy;
  unsigned Values = CallTy->isVoidTy() ? 0 : 1;
  if (auto *ST = dyn_cast<StructType>(CallTy)) {
    Values = ST->getNumElements();
    First = Values ? ST->getElementType(0) : nullptr;
  }
  if (Values != Outs + 1 || First != Ret || (Outs == 0 && CallTy != Ret))
    return false;
  Ops.insert(Ops.begin() + R.FirstGroup,
             {marker("enzyme_primal_return"), marker("enzyme_const_return")});
  return true;
}

/// rustc checks no shadow's shape. Where debug info shows that a duplicated
/// reference points to a Vec, or to a struct with Vec fields, every shadow's
/// length must be the primal's: a shorter shadow would be written past its
/// end. A mismatch stops the program with a message naming the argument.
void RustRequests::checkVecShadows(RustCall &R) {
  const DISubprogram *SP = R.Fn->getSubprogram();
  const DISubroutineType *Ty = SP ? SP->getType() : nullptr;
  SmallVector<unsigned, 8> Owner = rustParameterOf(*R.Fn);
  if (!Ty || Owner.size() != R.Groups.size())
    return;
  LLVMContext &Ctx = M.getContext();
  Type *I64 = Type::getInt64Ty(Ctx);
  for (auto [K, G] : enumerate(R.Groups)) {
    if (!G.isDuplicated() || G.size() < 2)
      continue;
    Value *Primal = R.Call->getArgOperand(G.Begin + 1);
    auto *Ref = dyn_cast_or_null<DIDerivedType>(stripQualifiers(Ty->getTypeArray()[Owner[K] + 1]));
    if (!Primal->getType()->isPointerTy() || !Ref ||
        (Ref->getTag() != dwarf::DW_TAG_pointer_type &&
         Ref->getTag() != dwarf::DW_TAG_reference_type))
      continue;
    SmallVector<VecLength, 4> Lengths;
    findVecLengths(Ref->getBaseType(), 0, "", Lengths);
    if (Lengths.empty())
      continue;
    FunctionCallee Report = M.getOrInsertFunction(
        "dprintf", FunctionType::get(Type::getInt32Ty(Ctx), {Type::getInt32Ty(Ctx),
                                                             PointerType::getUnqual(Ctx)},
                                     /*isVarArg=*/true));
    FunctionCallee Abort = M.getOrInsertFunction("abort", Type::getVoidTy(Ctx));
    cast<Function>(Abort.getCallee())->setDoesNotReturn();
    std::string Param = rustParameterName(*R.Fn, Owner[K]);
    for (unsigned Lane = 2; Lane <= G.size(); ++Lane) {
      Value *Shadow = R.Call->getArgOperand(G.Begin + Lane);
      for (const VecLength &L : Lengths) {
        IRBuilder<> B(R.Call);
        auto lengthAt = [&](Value *Base) {
          return B.CreateLoad(I64, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Base, L.Offset));
        };
        Value *Want = lengthAt(Primal), *Got = lengthAt(Shadow);
        Instruction *Then = SplitBlockAndInsertIfThen(B.CreateICmpNE(Want, Got),
                                                      R.Call->getIterator(), /*Unreachable=*/true);
        B.SetInsertPoint(Then);
        std::string Message =
            "adjoint: the shadow of " + Param + " of '" + rustName(*R.Fn) + "' has " + L.Path +
            " of length %lld where the primal's has length %lld; give the shadow the primal's "
            "shape (e.g. vec![0.0; n])\n";
        B.CreateCall(Report, {B.getInt32(2), B.CreateGlobalString(Message), Got, Want});
        B.CreateCall(Abort);
      }
    }
  }
}

/// Forward mode: a Const return and a DualOnly return both come without
/// enzyme_primal_return. Batched, the call's type tells them apart (one
/// value: Const, which wants the primal; N values: the tangents). With one
/// lane both are one value of f's return type: an error unless the result
/// is unused, since a guess would return the wrong one of the two.
bool RustRequests::readForwardReturn(RustCall &R, SmallVectorImpl<Value *> &Ops) {
  Type *Ret = R.Fn->getReturnType();
  if (R.PrimalReturn || Ret->isVoidTy() || R.Call->getType() != Ret)
    return true;
  if (R.Width > 1) {
    Ops.insert(Ops.begin() + R.FirstGroup,
               {marker("enzyme_primal_return"), marker("enzyme_const_return")});
    return true;
  }
  if (R.Call->use_empty())
    return true;
  Diags.error(*R.Call, "cannot tell what the forward-mode derivative of '" + rustName(*R.Fn) +
                           "' should return: rustc passes a DualOnly return (the tangent) and "
                           "a Const return (the value) in the same form. Declare the return "
                           "Dual instead; its derivative returns (value, tangent)");
  return false;
}

bool RustRequests::run() {
  SmallVector<std::pair<CallInst *, DiffModeKind>, 8> Requests;
  for (Function &Entry : M) {
    if (!Entry.isDeclaration())
      continue;
    std::optional<DiffModeKind> Mode = requestModeOf(Entry.getName());
    if (!Mode || (*Mode != DiffModeKind::Forward && *Mode != DiffModeKind::ReverseCombined))
      continue;
    for (User *U : Entry.users())
      if (auto *CI = dyn_cast<CallInst>(U); CI && CI->getCalledOperand() == &Entry)
        Requests.push_back({CI, *Mode});
  }
  bool Changed = false;
  for (auto [Call, Mode] : Requests) {
    std::optional<RustCall> R = readRustCall(*Call, Mode);
    if (!R)
      continue;
    SmallVector<Value *, 16> Ops(Call->args());
    SmallVector<Value *, 16> Before = Ops;
    if (!fixPairs(*R, Ops) || (Mode == DiffModeKind::Forward && !readForwardReturn(*R, Ops))) {
      // Reported: the call must not be served as written.
      Call->replaceAllUsesWith(PoisonValue::get(Call->getType()));
      Call->eraseFromParent();
      Changed = true;
      continue;
    }
    checkVecShadows(*R);
    if (Mode == DiffModeKind::ReverseCombined)
      fixConstReturn(*R, Ops);
    if (Ops == Before)
      continue;
    CallInst *New = CallInst::Create(Call->getFunctionType(), Call->getCalledOperand(), Ops, "",
                                     Call->getIterator());
    New->takeName(Call);
    New->setDebugLoc(Call->getDebugLoc());
    New->setCallingConv(Call->getCallingConv());
    Call->replaceAllUsesWith(New);
    Call->eraseFromParent();
    Changed = true;
  }
  return Changed;
}

} // namespace

PreservedAnalyses RustRequestsPass::run(Module &M, ModuleAnalysisManager &) {
  return RustRequests(M).run() ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace adjoint
