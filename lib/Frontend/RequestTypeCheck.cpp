//===- Frontend/RequestTypeCheck.cpp - C/C++ type checks of requests ------===//
//
/// \file
/// A clang plugin (AdjointFrontend.so, loaded by the drivers with -fplugin)
/// that checks `__enzyme_*` calls against the C/C++ types of the function
/// to differentiate, which LLVM IR no longer has (every pointer is `ptr`):
///  - a pointer argument must point to the type of its parameter;
///  - a shadow must point to the same type as its primal (a `float *`
///    shadow for a `double *` primal would be read as the wrong bytes);
///  - a shadow must be writable where the function may write through the
///    parameter.
/// Everything else about a request (counts, markers, widths) is checked on
/// the IR by lib/Requests, which also serves opt and LTO; this file only adds
/// what needs source types, and stays silent where it cannot tell.
//
//===----------------------------------------------------------------------===//
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace {

/// The marker an argument names (`enzyme_dup`, ...), or an empty string.
llvm::StringRef markerOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->getName().starts_with("enzyme_"))
        return VD->getName();
  return {};
}

const FunctionDecl *functionOf(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

class RequestChecker {
public:
  RequestChecker(ASTContext &Ctx, const CallExpr &Call, bool Forward)
      : Ctx(Ctx), Call(Call), Forward(Forward) {}

  void run() {
    if (Call.getNumArgs() == 0)
      return;
    Fn = functionOf(Call.getArg(0));
    if (!Fn || Fn->isVariadic())
      return;
    Next = 1;
    unsigned Width = 1;
    for (;;) {
      if (Next < Call.getNumArgs() && markerOf(Call.getArg(Next)) == "enzyme_primal_return") {
        ++Next;
        continue;
      }
      if (Next >= Call.getNumArgs() || markerOf(Call.getArg(Next)) != "enzyme_width")
        break;
      if (Next + 1 >= Call.getNumArgs())
        return;
      std::optional<llvm::APSInt> N = Call.getArg(Next + 1)->getIntegerConstantExpr(Ctx);
      if (!N || N->isZero() || N->getZExtValue() > 64)
        return; // reported on the IR
      Width = N->getZExtValue();
      Next += 2;
    }
    for (const ParmVarDecl *P : Fn->parameters())
      if (!checkParameter(*P, Width))
        return;
  }

private:
  const Expr *take() { return Next < Call.getNumArgs() ? Call.getArg(Next++) : nullptr; }

  /// Whether the x86-64 C ABI passes a by-value struct of this type as two
  /// separate register arguments (9 to 16 bytes, trivially copyable):
  /// then the IR no longer shows which arguments belong together.
  bool splitsOverRegisters(QualType T) const {
    const auto *RD = T->getAsRecordDecl();
    if (!RD || T->isDependentType() || T->isIncompleteType())
      return false;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD); CXX && !CXX->canPassInRegisters())
      return false;
    uint64_t Bits = Ctx.getTypeSize(T);
    return Bits > 64 && Bits <= 128 && Ctx.getTargetInfo().getTriple().getArch() ==
                                           llvm::Triple::x86_64;
  }

  void error(const Expr *At, const llvm::Twine &Message) {
    DiagnosticsEngine &D = Ctx.getDiagnostics();
    unsigned ID = D.getCustomDiagID(DiagnosticsEngine::Error, "adjoint: %0");
    D.Report(At->getExprLoc(), ID) << Message.str() << At->getSourceRange();
  }

  std::string name(QualType T) const { return T.getAsString(Ctx.getPrintingPolicy()); }

  bool checkParameter(const ParmVarDecl &P, unsigned Width) {
    unsigned ArgNo = P.getFunctionScopeIndex() + 1;
    llvm::StringRef Marker = Next < Call.getNumArgs() ? markerOf(Call.getArg(Next)) : "";
    unsigned Shadows = Width;
    if (!Marker.empty()) {
      ++Next;
      if (Marker == "enzyme_dupv") {
        if (!take())
          return false;
        Shadows = 1;
      }
    }
    const Expr *Primal = take();
    if (!Primal)
      return false;
    QualType ParamTy = P.getType();
    QualType PrimalTy = Primal->getType();
    if (ParamTy->isDependentType() || PrimalTy->isDependentType())
      return false;
    // A reference parameter is a pointer in the call (the request passes
    // the address, and a shadow after it by default), so it is checked as one.
    if (ParamTy->isReferenceType())
      ParamTy = Ctx.getPointerType(ParamTy.getNonReferenceType());
    if (ParamTy->isPointerType() && PrimalTy->isPointerType()) {
      QualType Want = ParamTy->getPointeeType(), Got = PrimalTy->getPointeeType();
      if (!Want->isVoidType() && !Got->isVoidType() && !Ctx.hasSameUnqualifiedType(Want, Got)) {
        error(Primal, "argument " + llvm::Twine(ArgNo) + " of '" + Fn->getName() + "' has type '" +
                          name(PrimalTy) + "' but the parameter has type '" + name(ParamTy) +
                          "'; pass a pointer to '" + name(Want) + "'");
        return false;
      }
    }
    if (splitsOverRegisters(ParamTy)) {
      error(Primal, "argument " + llvm::Twine(ArgNo) + " of '" + Fn->getName() +
                        "' is a struct passed by value ('" + name(ParamTy) +
                        "'), which the C ABI splits over two registers; a request cannot "
                        "pair its parts with their shadows yet: pass it by pointer (with "
                        "its shadow after it)");
      return false;
    }
    bool Dup = Marker == "enzyme_dup" || Marker == "enzyme_dupnoneed" || Marker == "enzyme_dupv";
    if (Marker.empty())
      Dup = ParamTy->isPointerType() || (Forward && ParamTy->isRealFloatingType());
    if (!Dup)
      return true;
    for (unsigned K = 0; K < Shadows; ++K) {
      const Expr *Shadow = take();
      if (!Shadow || !markerOf(Shadow).empty())
        return false; // reported on the IR
      if (Marker == "enzyme_dupv")
        continue;
      if (!checkShadow(ArgNo, ParamTy, PrimalTy, Shadow))
        return false;
    }
    return true;
  }

  bool checkShadow(unsigned ArgNo, QualType ParamTy, QualType PrimalTy, const Expr *Shadow) {
    QualType ShadowTy = Shadow->getType();
    if (ShadowTy->isDependentType())
      return false;
    if (PrimalTy->isPointerType() != ShadowTy->isPointerType()) {
      error(Shadow, "the shadow of argument " + llvm::Twine(ArgNo) + " of '" + Fn->getName() +
                        "' has type '" + name(ShadowTy) + "' but its primal has type '" +
                        name(PrimalTy) + "'; pass a shadow of the primal's type");
      return false;
    }
    if (!PrimalTy->isPointerType())
      return true;
    QualType PP = PrimalTy->getPointeeType(), SP = ShadowTy->getPointeeType();
    if (!PP->isVoidType() && !SP->isVoidType() && !Ctx.hasSameUnqualifiedType(PP, SP)) {
      error(Shadow, "the shadow of argument " + llvm::Twine(ArgNo) + " of '" + Fn->getName() +
                        "' points to '" + name(SP) + "' but its primal points to '" + name(PP) +
                        "'; the shadow must have the same type as the primal ('" +
                        name(PrimalTy) + "')");
      return false;
    }
    // Forward mode writes output shadows, reverse mode accumulates into
    // every shadow: a shadow must be writable unless the parameter is const.
    bool ParamConst = ParamTy->isPointerType() && ParamTy->getPointeeType().isConstQualified();
    if (SP.isConstQualified() && (!ParamConst || !Forward)) {
      error(Shadow, "the shadow of argument " + llvm::Twine(ArgNo) + " of '" + Fn->getName() +
                        "' points to const memory ('" + name(ShadowTy) + "'), but Adjoint " +
                        (Forward ? "writes the tangent of what '" + Fn->getName().str() +
                                       "' writes there"
                                 : std::string("accumulates derivatives into it")) +
                        "; pass a writable shadow");
      return false;
    }
    return true;
  }

  ASTContext &Ctx;
  const CallExpr &Call;
  bool Forward;
  const FunctionDecl *Fn = nullptr;
  unsigned Next = 0;
};

class RequestVisitor : public RecursiveASTVisitor<RequestVisitor> {
public:
  explicit RequestVisitor(ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    llvm::StringRef Name = Callee->getName();
    if (Name.starts_with("__enzyme_fwddiff"))
      RequestChecker(Ctx, *CE, /*Forward=*/true).run();
    else if (Name.starts_with("__enzyme_autodiff"))
      RequestChecker(Ctx, *CE, /*Forward=*/false).run();
    return true;
  }

private:
  ASTContext &Ctx;
};

class RequestConsumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    RequestVisitor(Ctx).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

class RequestTypeCheckAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<RequestConsumer>();
  }
  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace

static FrontendPluginRegistry::Add<RequestTypeCheckAction>
    Registration("adjoint-request-types", "check the C/C++ types of __enzyme_* requests");
