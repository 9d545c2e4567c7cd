//===- Requests/Registrations.cpp - what users declare beside requests ----===//
//
/// \file
/// Named shadows of globals: tables to metadata, and the checks that keep a
/// named shadow from silently corrupting memory (too small, constant, the
/// global itself, named twice). User derivative rules: tables to function
/// attributes, with their signatures checked.
//
//===----------------------------------------------------------------------===//
#include "Requests/Registrations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "Analysis/KnownFunctions.h"
#include "Requests/DiffRequest.h"
#include "Rules/Rules.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <array>

using namespace llvm;

namespace adjoint {

static constexpr const char *ShadowMetadata = "enzyme_shadow";
static constexpr const char *ShadowTablePrefix = "__enzyme_shadow_global";

SmallVector<GlobalVariable *, 2> namedShadows(const GlobalVariable &G) {
  SmallVector<GlobalVariable *, 2> Shadows;
  if (!G.hasMetadata()) // the common case, on activity's hot path: one bit
    return Shadows;
  if (MDNode *MD = G.getMetadata(ShadowMetadata))
    for (const MDOperand &Op : MD->operands())
      if (auto *C = dyn_cast_or_null<ConstantAsMetadata>(Op.get()))
        if (auto *S = dyn_cast<GlobalVariable>(C->getValue()->stripPointerCasts()))
          Shadows.push_back(S);
  return Shadows;
}

namespace {

/// The rows of a table's initializer: an array of rows, or one row.
void tableRows(Constant *Init, SmallVectorImpl<SmallVector<Constant *, 3>> &Rows) {
  auto Elements = [](Constant *C) {
    SmallVector<Constant *, 3> Out;
    for (unsigned I = 0; Constant *E = C->getAggregateElement(I); ++I)
      Out.push_back(E);
    return Out;
  };
  Type *Ty = Init->getType();
  if (!Ty->isArrayTy() && !Ty->isStructTy())
    return;
  SmallVector<Constant *, 3> Top = Elements(Init);
  if (!Top.empty() && Top[0]->getType()->isPointerTy()) {
    Rows.push_back(Top);
    return;
  }
  for (Constant *Row : Top)
    if (Row->getType()->isArrayTy() || Row->getType()->isStructTy())
      Rows.push_back(Elements(Row));
}

std::string nameOf(const Constant *C) {
  if (C->hasName())
    return ("'" + C->getName() + "'").str();
  return C->isNullValue() ? "a null pointer" : "a value that is not a global";
}

} // namespace

/// Every entry of a table, row after row; a table that is one pointer
/// (`void *__enzyme_inactive_global = &g;`) has one entry.
static SmallVector<Constant *, 8> tableEntries(GlobalVariable &T) {
  SmallVector<Constant *, 8> Entries;
  if (!T.hasInitializer())
    return Entries;
  if (T.getValueType()->isPointerTy()) {
    Entries.push_back(T.getInitializer());
    return Entries;
  }
  SmallVector<SmallVector<Constant *, 3>, 4> Rows;
  tableRows(T.getInitializer(), Rows);
  for (auto &Row : Rows)
    Entries.append(Row.begin(), Row.end());
  return Entries;
}

static SmallVector<GlobalVariable *, 2> shadowTables(Module &M) {
  SmallVector<GlobalVariable *, 2> Tables;
  for (GlobalVariable &T : M.globals())
    if (T.getName().starts_with(ShadowTablePrefix) && T.hasInitializer())
      Tables.push_back(&T);
  return Tables;
}

std::vector<std::string> collectNamedShadows(Module &M) {
  std::vector<std::string> Problems;
  LLVMContext &Ctx = M.getContext();
  const DataLayout &DL = M.getDataLayout();

  SmallVector<GlobalVariable *, 2> Tables = shadowTables(M);
  removeFromUsedLists(M, [&](Constant *C) { return is_contained(Tables, C); });
  for (GlobalVariable *T : Tables) {
    SmallVector<SmallVector<Constant *, 3>, 4> Rows;
    tableRows(T->getInitializer(), Rows);
    for (auto [N, Row] : enumerate(Rows)) {
      // Rows shorter than the table's width end in nulls; zero-filled rows
      // are the unused tail of a table with a fixed size.
      while (!Row.empty() && Row.back()->isNullValue())
        Row.pop_back();
      if (Row.empty())
        continue;
      auto *G = dyn_cast<GlobalVariable>(Row[0]->stripPointerCasts());
      if (!G || Row.size() < 2) {
        Problems.push_back(("row " + Twine(N + 1) + " of '" + T->getName() +
                            "' must be {&global, &shadow, ...}: the global, then one shadow "
                            "per lane")
                               .str());
        continue;
      }
      if (G->hasMetadata(ShadowMetadata)) {
        Problems.push_back(("global '" + G->getName() + "' is given a shadow twice (in '" +
                            T->getName() + "'): name it once")
                               .str());
        continue;
      }
      SmallVector<Metadata *, 2> Ops;
      for (Constant *S : drop_begin(Row))
        Ops.push_back(ConstantAsMetadata::get(S));
      G->setMetadata(ShadowMetadata, MDNode::get(Ctx, Ops));
    }
    T->removeDeadConstantUsers();
    if (T->use_empty())
      T->eraseFromParent();
  }

  // Check every named shadow, from tables or written in IR.
  DenseMap<GlobalVariable *, GlobalVariable *> ShadowOf; // shadow -> the global it serves
  for (GlobalVariable &G : M.globals()) {
    MDNode *MD = G.getMetadata(ShadowMetadata);
    if (!MD)
      continue;
    bool Valid = MD->getNumOperands() > 0;
    uint64_t Size = G.getValueType()->isSized() ? DL.getTypeAllocSize(G.getValueType()) : 0;
    for (const MDOperand &Op : MD->operands()) {
      auto *C = dyn_cast_or_null<ConstantAsMetadata>(Op.get());
      auto *S = C ? dyn_cast<GlobalVariable>(C->getValue()->stripPointerCasts()) : nullptr;
      std::string Problem;
      if (!S)
        Problem = "the shadow named for global '" + G.getName().str() + "' is " +
                  (C ? nameOf(C->getValue()) : std::string("not a constant")) +
                  ": name a mutable global of the same type";
      else if (S == &G)
        Problem = "global '" + G.getName().str() +
                  "' is named as its own shadow: name a separate global of the same type";
      else if (S->isConstant())
        Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                  G.getName().str() + "' is constant: derivatives are written into it, so "
                  "declare it without const";
      else if (S->getValueType()->isSized() && DL.getTypeAllocSize(S->getValueType()) < Size)
        Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                  G.getName().str() + "' has " +
                  std::to_string(DL.getTypeAllocSize(S->getValueType())) + " bytes, fewer than '" +
                  G.getName().str() + "' (" + std::to_string(Size) +
                  "): give the shadow the global's type";
      else if (GlobalVariable *Other = ShadowOf.lookup(S); Other && Other != &G)
        Problem = "'" + S->getName().str() + "' is named as the shadow of both '" +
                  Other->getName().str() + "' and '" + G.getName().str() +
                  "': each global (and each lane) needs a shadow of its own";
      // Shadow accesses take the global's alignment (vector code may need
      // it): a shadow defined here is aligned as much, one defined
      // elsewhere must be declared so.
      Align GlobalAlign = G.getPointerAlignment(DL);
      if (S && Problem.empty() && S->getPointerAlignment(DL) < GlobalAlign) {
        if (!S->isDeclaration())
          S->setAlignment(GlobalAlign);
        else
          Problem = "the shadow '" + S->getName().str() + "' named for global '" +
                    G.getName().str() + "' is declared less aligned than the global (" +
                    std::to_string(GlobalAlign.value()) +
                    " bytes): declare it with __attribute__((aligned(" +
                    std::to_string(GlobalAlign.value()) + ")))";
      }
      if (S && Problem.empty())
        ShadowOf[S] = &G;
      if (!Problem.empty()) {
        Problems.push_back(Problem);
        Valid = false;
      }
    }
    if (!Valid)
      G.setMetadata(ShadowMetadata, nullptr);
  }
  return Problems;
}

static constexpr const char *ForwardRulePrefix = "__enzyme_register_derivative_";
static constexpr const char *ForwardRuleAttr = "adjoint-forward-rule";
static constexpr const char *GradientRulePrefix = "__enzyme_register_gradient_";
static constexpr const char *AugmentRuleAttr = "adjoint-augment-rule";
static constexpr const char *ReverseRuleAttr = "adjoint-reverse-rule";
static constexpr const char *LibraryRuleAttr = "adjoint-library-rule";
static constexpr const char *InactiveTablePrefix = "__enzyme_inactivefn";
static constexpr const char *FunctionLikePrefix = "__enzyme_function_like";
static constexpr const char *InactiveGlobalPrefix = "__enzyme_inactive_global";
static constexpr const char *AllocationLikePrefix = "__enzyme_allocation_like";

/// Reads a `__enzyme_allocation_like` table {alloc, (void *)SIZE, "MAP",
/// free} into the attributes of the allocator and its free; returns the
/// problem, or nothing. MAP lists, per parameter of free, the block (-1)
/// or the allocation's argument K: "-1" is free(p), "-1,0" free(p, n).
static std::string readAllocationLike(GlobalVariable &T) {
  SmallVector<SmallVector<Constant *, 3>, 1> Rows;
  tableRows(T.getInitializer(), Rows);
  std::string Form =
      ("'" + T.getName() + "' must be {(void *)alloc, (void *)SIZE, (void *)\"MAP\", "
       "(void *)free}: the allocator, the index of its size parameter, how its free takes the "
       "block (-1) and the allocator's arguments (their indices), e.g. \"-1\", and the free")
          .str();
  if (Rows.size() != 1 || Rows[0].size() != 4)
    return Form;
  auto &Row = Rows[0];
  auto *Alloc = dyn_cast<Function>(Row[0]->stripPointerCasts());
  auto *Free = dyn_cast<Function>(Row[3]->stripPointerCasts());
  uint64_t Size = 0;
  if (auto *CE = dyn_cast<ConstantExpr>(Row[1]); CE && CE->getOpcode() == Instruction::IntToPtr) {
    auto *CI = dyn_cast<ConstantInt>(CE->getOperand(0));
    if (!CI)
      return Form;
    Size = CI->getZExtValue();
  } else if (!Row[1]->isNullValue()) {
    return Form;
  }
  StringRef Map;
  if (!Alloc || !Free || !getConstantStringInfo(Row[2], Map))
    return Form;
  auto Fail = [&](const Twine &Why) {
    return ("'" + T.getName() + "' registers '" + Alloc->getName() + "' as an allocator: " + Why)
        .str();
  };
  if (!Alloc->getReturnType()->isPointerTy())
    return Fail("it must return the block (a pointer)");
  if (Size >= Alloc->arg_size() || !Alloc->getArg(Size)->getType()->isIntegerTy())
    return Fail("its parameter " + Twine(Size) + " is not an integer size");
  SmallVector<StringRef, 2> Parts;
  Map.split(Parts, ',');
  if (Parts.size() != Free->arg_size())
    return Fail("the map \"" + Map + "\" has " + Twine(Parts.size()) + " entries, but '" +
                Free->getName() + "' takes " + Twine(Free->arg_size()) + " arguments");
  for (auto [K, Part] : enumerate(Parts)) {
    int From = 0;
    if (Part.trim().getAsInteger(10, From) || From < -1 || From >= int(Alloc->arg_size()))
      return Fail("the map \"" + Map + "\" must list -1 (the block) or the index of one of its "
                  "parameters for each argument of '" + Free->getName() + "'");
    Type *Param = Free->getArg(K)->getType();
    bool Fits = K == 0 ? From == -1 && Param->isPointerTy()
                       : From >= 0 && Param->isIntegerTy() &&
                             Alloc->getArg(From)->getType()->isIntegerTy();
    if (!Fits)
      return Fail("'" + Free->getName() + "' must take the block first (map entry -1), then "
                  "integer arguments of the allocation (their indices); frees of other shapes "
                  "are not supported yet");
  }
  Alloc->addFnAttr(UserAllocatorAttr, (Twine(Size) + ";" + Free->getName() + ";" + Map).str());
  Free->addFnAttr(UserFreeAttr);
  return "";
}

/// The functions a rule table names ({f, rule} or {f, augmented, reverse}),
/// null where an entry is missing or not a function.
static std::array<Function *, 3> ruleTable(const GlobalVariable &T) {
  if (!T.hasInitializer())
    return {nullptr, nullptr, nullptr};
  const Constant *Init = T.getInitializer();
  auto At = [&](unsigned I) -> Function * {
    const Constant *E = Init->getAggregateElement(I);
    return E ? const_cast<Function *>(dyn_cast<Function>(E->stripPointerCasts())) : nullptr;
  };
  return {At(0), At(1), At(2)};
}

/// The type a forward rule for \p F must have.
static FunctionType *forwardRuleType(const Function &F) {
  SmallVector<Type *, 8> Params;
  for (const Argument &A : F.args()) {
    Params.push_back(A.getType());
    if (canCarryDerivative(A.getType()))
      Params.push_back(A.getType());
  }
  Type *Ret = F.getReturnType();
  if (!canCarryDerivative(Ret))
    Ret = Type::getVoidTy(F.getContext());
  return FunctionType::get(Ret, Params, false);
}

static std::string typeText(Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  T->print(OS);
  return S;
}

static std::string typesText(ArrayRef<Type *> Types) {
  std::string S;
  for (Type *T : Types)
    S += (S.empty() ? "" : ", ") + typeText(T);
  return S;
}

/// Reads a `__enzyme_register_derivative_` table into the function's
/// attribute; returns the problem, or nothing.
static std::string readForwardRule(GlobalVariable &T) {
  auto [F, Rule, Unused] = ruleTable(T);
  if (!F || !Rule)
    return ("'" + T.getName() + "' must be {(void *)f, (void *)df}: the function, then its "
            "forward-mode rule, both defined or declared here")
        .str();
  FunctionType *Want = forwardRuleType(*F);
  if (Rule->getFunctionType() != Want)
    return ("the forward-mode rule '" + Rule->getName() + "' registered for '" + F->getName() +
            "' has type " + typeText(Rule->getFunctionType()) + " but must have type " +
            typeText(Want) +
            ": each parameter followed by its tangent when it is a float or a pointer, "
            "returning the tangent of the result")
        .str();
  if (Function *Old = forwardRuleOf(*F); Old && Old != Rule)
    return ("'" + F->getName() + "' has two forward-mode rules ('" + Old->getName() + "' and '" +
            Rule->getName() + "'): register one")
        .str();
  F->addFnAttr(ForwardRuleAttr, Rule->getName());
  return "";
}

static bool containsPointer(Type *T) {
  if (T->isPtrOrPtrVectorTy())
    return true;
  if (auto *AT = dyn_cast<ArrayType>(T))
    return containsPointer(AT->getElementType());
  if (auto *ST = dyn_cast<StructType>(T))
    return any_of(ST->elements(), containsPointer);
  return false;
}

/// A value a reverse-mode rule takes or gives an adjoint for: a float, a
/// vector of floats, an aggregate of them.
static bool isFloatLike(Type *T) { return isAdjointType(T) && !containsPointer(T); }

/// Where an augmented rule's result keeps the tape and f's result:
/// field 0 or 1 of a pair, the whole result (Whole), or nowhere (None).
static std::pair<int, int> augmentedFields(Type *AugRet, Type *FRet) {
  constexpr int None = GradientRule::None, Whole = GradientRule::Whole;
  if (FRet->isVoidTy())
    return {AugRet->isPointerTy() ? Whole : None, None};
  if (AugRet == FRet)
    return {None, Whole};
  if (int Tape = tapeFieldOfPair(AugRet, FRet); Tape >= 0)
    return {Tape, 1 - Tape};
  return {None, None};
}

/// Reads a `__enzyme_register_gradient_` table {f, augmented, reverse} into
/// the function's attributes, after checking both rules' types against f's;
/// returns the problem, or nothing.
static std::string readGradientRule(GlobalVariable &T) {
  auto [F, Aug, Rev] = ruleTable(T);
  if (!F || !Aug || !Rev)
    return ("'" + T.getName() + "' must be {(void *)f, (void *)augmented, (void *)reverse}: "
            "the function, its augmented forward rule and its reverse rule, all defined or "
            "declared here")
        .str();
  auto Fail = [&](const Twine &Why) {
    return ("the reverse-mode rule registered for '" + F->getName() + "' in '" + T.getName() +
            "' " + Why)
        .str();
  };
  Type *Ret = F->getReturnType(), *Ptr = PointerType::getUnqual(F->getContext());
  if (containsPointer(Ret))
    return Fail("cannot be used: '" + F->getName() + "' returns a pointer, and reverse-mode "
                "rules for such functions are not supported yet");
  SmallVector<Type *, 8> AugParams;
  SmallVector<Type *, 4> Adjoints;
  for (Argument &A : F->args()) {
    Type *Ty = A.getType();
    AugParams.push_back(Ty);
    if (Ty->isPointerTy())
      AugParams.push_back(Ty); // the shadow
    else if (isFloatLike(Ty))
      Adjoints.push_back(Ty);
    else if (containsPointer(Ty))
      return Fail("cannot be used: parameter " + Twine(A.getArgNo() + 1) +
                  " of '" + F->getName() + "' is an aggregate holding pointers; pass it "
                  "by pointer");
  }
  auto [TapeField, ResultField] = augmentedFields(Aug->getReturnType(), Ret);
  std::string RetText = typeText(Ret);
  if (Aug->getFunctionType()->params() != ArrayRef<Type *>(AugParams) ||
      Aug->isVarArg() || (!Ret->isVoidTy() && ResultField == GradientRule::None))
    return Fail(
        "has an augmented rule '" + Aug->getName() + "' of type " +
        typeText(Aug->getFunctionType()) + ", but it must take (" + typesText(AugParams) +
        ") (each parameter, followed by its shadow when it is a pointer) and return " +
        (Ret->isVoidTy() ? std::string("void, or a tape (void *)")
                         : RetText + " (f's result), or {void *, " + RetText +
                               "} (a tape and f's result)"));
  SmallVector<Type *, 8> RevParams(AugParams);
  if (isFloatLike(Ret))
    RevParams.push_back(Ret); // the adjoint of f's result
  if (TapeField != GradientRule::None)
    RevParams.push_back(Ptr);
  Type *RevRet = Rev->getReturnType();
  bool RetOk = Adjoints.empty()             ? RevRet->isVoidTy()
               : Adjoints.size() == 1 && RevRet == Adjoints[0] ? true
                                                               : isa<StructType>(RevRet) &&
                                                 cast<StructType>(RevRet)->elements() ==
                                                     ArrayRef<Type *>(Adjoints);
  if (Rev->getFunctionType()->params() != ArrayRef<Type *>(RevParams) || Rev->isVarArg() ||
      !RetOk) {
    Type *Want = Adjoints.empty()       ? Type::getVoidTy(F->getContext())
                 : Adjoints.size() == 1 ? Adjoints[0]
                                        : StructType::get(F->getContext(), Adjoints);
    return Fail("has a reverse rule '" + Rev->getName() + "' of type " +
                typeText(Rev->getFunctionType()) + " but it must have type " +
                typeText(FunctionType::get(Want, RevParams, false)) +
                ": the augmented rule's parameters" +
                (isFloatLike(Ret) ? ", then the adjoint of f's result" : "") +
                (TapeField != GradientRule::None ? ", then the tape" : "") +
                "; returning the adjoints of f's float parameters" +
                (Adjoints.size() > 1 ? " in a struct, in order" : ""));
  }
  if (GradientRule Old = gradientRuleOf(*F); Old && (Old.Augmented != Aug || Old.Reverse != Rev))
    return ("'" + F->getName() + "' has two reverse-mode rules ('" + Old.Reverse->getName() +
            "' and '" + Rev->getName() + "'): register one")
        .str();
  F->addFnAttr(AugmentRuleAttr, Aug->getName());
  F->addFnAttr(ReverseRuleAttr, Rev->getName());
  return "";
}

/// Calls \p Each with every function annotated `enzyme_*` in source
/// (`__attribute__((enzyme_inactive))`, Frontend/EnzymeAttributes.cpp) and
/// the annotation: "enzyme_inactive" or "enzyme_function_like=NAME".
static void forEachEnzymeAnnotation(Module &M,
                                    function_ref<void(Function &, StringRef)> Each) {
  GlobalVariable *A = M.getNamedGlobal("llvm.global.annotations");
  if (!A || !A->hasInitializer())
    return;
  auto *Entries = dyn_cast<ConstantArray>(A->getInitializer());
  if (!Entries)
    return;
  for (Value *E : Entries->operands()) {
    auto *Entry = dyn_cast<ConstantStruct>(E);
    if (!Entry || Entry->getNumOperands() < 2)
      continue;
    auto *F = dyn_cast<Function>(Entry->getOperand(0)->stripPointerCasts());
    StringRef Text;
    if (F && getConstantStringInfo(Entry->getOperand(1), Text) && Text.starts_with("enzyme_"))
      Each(*F, Text);
  }
}

/// Reads the attributes Enzyme's users put on functions, in source
/// (annotations) or in IR ("enzyme_inactive", "enzyme_math"="log"), into
/// Adjoint's.
static void readEnzymeAttributes(Module &M, std::vector<std::string> &Problems) {
  auto FunctionLike = [&](Function &F, StringRef Like) {
    if (hasMathRule(Like))
      F.addFnAttr(FunctionLikeAttr, Like);
    else
      Problems.push_back(("'" + F.getName() + "' is declared to behave like '" + Like +
                          "', which has no derivative rule: name a math function such as "
                          "log, exp, sin, sqrt, pow or their float versions")
                             .str());
  };
  forEachEnzymeAnnotation(M, [&](Function &F, StringRef Text) {
    if (Text == "enzyme_inactive")
      F.addFnAttr(UserInactiveAttr);
    else if (Text.consume_front("enzyme_function_like="))
      FunctionLike(F, Text);
  });
  for (Function &F : M) {
    if (F.hasFnAttribute("enzyme_inactive"))
      F.addFnAttr(UserInactiveAttr);
    if (F.hasFnAttribute("enzyme_math"))
      FunctionLike(F, F.getFnAttribute("enzyme_math").getValueAsString());
  }
}

std::vector<std::string> collectUserRules(Module &M) {
  std::vector<std::string> Problems;
  readEnzymeAttributes(M, Problems);
  for (GlobalVariable &T : M.globals()) {
    StringRef Name = T.getName();
    if (!Name.starts_with("__enzyme_") || Name.starts_with(ShadowTablePrefix))
      continue;
    // Lists of inactive functions, or of inactive globals.
    bool Functions = Name.starts_with(InactiveTablePrefix);
    if (Functions || Name.starts_with(InactiveGlobalPrefix)) {
      for (Constant *C : tableEntries(T)) {
        if (auto *F = dyn_cast<Function>(C->stripPointerCasts()); F && Functions)
          F->addFnAttr(UserInactiveAttr);
        else if (auto *G = dyn_cast<GlobalVariable>(getUnderlyingObject(C)); G && !Functions)
          G->addAttribute(UserInactiveAttr);
        else if (!C->isNullValue())
          Problems.push_back(("'" + Name + "' lists " + nameOf(C) +
                              (Functions ? ": list functions, e.g. {(void *)log_step}"
                                         : ": list the addresses of globals, e.g. "
                                           "{(void *)&counter}"))
                                 .str());
      }
      continue;
    }
    if (Name.starts_with(FunctionLikePrefix)) {
      SmallVector<SmallVector<Constant *, 3>, 4> Rows;
      tableRows(T.getInitializer(), Rows);
      for (auto &Row : Rows) {
        auto *F = Row.size() == 2 ? dyn_cast<Function>(Row[0]->stripPointerCasts()) : nullptr;
        StringRef Like;
        if (!F || !getConstantStringInfo(Row[1], Like)) {
          Problems.push_back(("'" + Name + "' must be {(void *)f, \"log1p\"}: a function, "
                              "then the name of the math function it behaves like")
                                 .str());
          continue;
        }
        if (!hasMathRule(Like)) {
          Problems.push_back(("'" + Name + "' says '" + F->getName() + "' behaves like '" +
                              Like + "', which has no derivative rule: name a math function "
                              "such as log, exp, sin, sqrt, pow or their float versions")
                                 .str());
          continue;
        }
        F->addFnAttr(FunctionLikeAttr, Like);
      }
      continue;
    }
    std::string Problem;
    if (Name.starts_with(AllocationLikePrefix))
      Problem = readAllocationLike(T);
    else if (Name.starts_with(ForwardRulePrefix))
      Problem = readForwardRule(T);
    else if (Name.starts_with(GradientRulePrefix))
      Problem = readGradientRule(T);
    else
      Problem = ("'" + Name + "' is not supported by Adjoint yet (only " + ForwardRulePrefix +
                 "NAME and " + GradientRulePrefix + "NAME rules, " + InactiveTablePrefix + ", " +
                 InactiveGlobalPrefix + ", " + FunctionLikePrefix + ", " + AllocationLikePrefix +
                 " and " + ShadowTablePrefix + " tables are): without it the derivative would be "
                 "wrong, so remove it and differentiate the function itself, or mark its "
                 "arguments enzyme_const")
                    .str();
    if (!Problem.empty())
      Problems.push_back(Problem);
  }
  return Problems;
}

GradientRule gradientRuleOf(const Function &F) {
  GradientRule R;
  if (!F.hasFnAttribute(AugmentRuleAttr))
    return R;
  const Module &M = *F.getParent();
  R.Augmented = M.getFunction(F.getFnAttribute(AugmentRuleAttr).getValueAsString());
  R.Reverse = M.getFunction(F.getFnAttribute(ReverseRuleAttr).getValueAsString());
  if (!R.Augmented || !R.Reverse)
    return GradientRule();
  std::tie(R.TapeField, R.ResultField) =
      augmentedFields(R.Augmented->getReturnType(), F.getReturnType());
  R.TakesActivityMask = hasLibraryRules(F);
  return R;
}

void setLibraryRules(Function &F, Function &Forward, Function &Augmented, Function &Reverse) {
  F.addFnAttr(ForwardRuleAttr, Forward.getName());
  F.addFnAttr(AugmentRuleAttr, Augmented.getName());
  F.addFnAttr(ReverseRuleAttr, Reverse.getName());
  F.addFnAttr(LibraryRuleAttr);
}

bool hasLibraryRules(const Function &F) { return F.hasFnAttribute(LibraryRuleAttr); }

void dropLibraryRules(Function &F) {
  for (const char *A : {ForwardRuleAttr, AugmentRuleAttr, ReverseRuleAttr, LibraryRuleAttr})
    F.removeFnAttr(A);
}

bool hasUserRule(const Function &F) {
  return F.hasFnAttribute(ForwardRuleAttr) || F.hasFnAttribute(AugmentRuleAttr);
}

Function *forwardRuleOf(const Function &F) {
  if (!F.hasFnAttribute(ForwardRuleAttr))
    return nullptr;
  return F.getParent()->getFunction(F.getFnAttribute(ForwardRuleAttr).getValueAsString());
}

bool keepRuleTargetsCalls(Module &M) {
  SmallVector<GlobalValue *, 4> Tables;
  auto KeepCalled = [](Function *F) {
    F->removeFnAttr(Attribute::AlwaysInline);
    F->addFnAttr(Attribute::NoInline);
  };
  for (GlobalVariable &T : M.globals()) {
    bool Rules = T.getName().starts_with(ForwardRulePrefix) ||
                 T.getName().starts_with(GradientRulePrefix);
    if ((!Rules && !T.getName().starts_with(InactiveTablePrefix) &&
         !T.getName().starts_with(InactiveGlobalPrefix) &&
         !T.getName().starts_with(FunctionLikePrefix) &&
         !T.getName().starts_with(AllocationLikePrefix)) ||
        !T.hasInitializer())
      continue;
    Tables.push_back(&T); // a `static` table, which nothing reads, stays too
    if (Rules) {
      if (Function *F = ruleTable(T)[0])
        KeepCalled(F);
      continue;
    }
    for (Constant *C : tableEntries(T))
      if (auto *F = dyn_cast<Function>(C->stripPointerCasts()))
        KeepCalled(F); // the functions of the table; its names are strings
  }
  bool Annotated = false;
  forEachEnzymeAnnotation(M, [&](Function &F, StringRef) {
    KeepCalled(&F);
    Annotated = true;
  });
  if (!Tables.empty())
    appendToCompilerUsed(M, Tables);
  return !Tables.empty() || Annotated;
}

} // namespace adjoint
