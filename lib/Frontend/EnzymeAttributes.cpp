//===- Frontend/EnzymeAttributes.cpp - enzyme_* attributes in C and C++ ---===//
//
/// \file
/// The function attributes Enzyme's users write in source, known to clang
/// while Adjoint's front-end plugin is loaded (the drivers load it):
///
///   __attribute__((enzyme_inactive)) void log_step(double x);
///   __attribute__((enzyme_function_like("log"))) double mylog(double x);
///
/// Each becomes an `annotate` attribute ("enzyme_inactive",
/// "enzyme_function_like=log"), which clang puts into the module's
/// llvm.global.annotations; the pass reads them there
/// (Requests/Registrations.cpp) as it reads the __enzyme_inactivefn and
/// __enzyme_function_like tables.
//
//===----------------------------------------------------------------------===//
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/ParsedAttrInfo.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaDiagnostic.h"

using namespace clang;

namespace {

/// One attribute on functions, spelled `__attribute__((NAME))`,
/// `[[NAME]]` and `[[enzyme::NAME]]`, with \p Args string arguments.
class EnzymeFunctionAttr : public ParsedAttrInfo {
public:
  EnzymeFunctionAttr(const char *Name, unsigned Args, ArrayRef<Spelling> S) : Name(Name) {
    NumArgs = Args;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr, const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return true;
    S.Diag(Attr.getLoc(), diag::warn_attribute_wrong_decl_type_str)
        << Attr << Attr.isRegularKeywordAttribute() << "functions";
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    std::string Annotation = Name;
    if (NumArgs) {
      auto *Lit = Attr.isArgExpr(0)
                      ? dyn_cast<StringLiteral>(Attr.getArgAsExpr(0)->IgnoreParenCasts())
                      : nullptr;
      if (!Lit) {
        unsigned ID = S.getDiagnostics().getCustomDiagID(
            DiagnosticsEngine::Error,
            "adjoint: '%0' takes the name of a math function as a string, e.g. "
            "__attribute__((enzyme_function_like(\"log\")))");
        S.Diag(Attr.getLoc(), ID) << Name;
        return AttributeNotApplied;
      }
      Annotation += "=" + Lit->getString().str();
    }
    D->addAttr(AnnotateAttr::Create(S.Context, Annotation, nullptr, 0, Attr.getRange()));
    return AttributeApplied;
  }

private:
  const char *Name;
};

constexpr ParsedAttrInfo::Spelling InactiveSpellings[] = {
    {ParsedAttr::AS_GNU, "enzyme_inactive"},
    {ParsedAttr::AS_C23, "enzyme_inactive"},
    {ParsedAttr::AS_CXX11, "enzyme_inactive"},
    {ParsedAttr::AS_CXX11, "enzyme::inactive"}};
constexpr ParsedAttrInfo::Spelling FunctionLikeSpellings[] = {
    {ParsedAttr::AS_GNU, "enzyme_function_like"},
    {ParsedAttr::AS_C23, "enzyme_function_like"},
    {ParsedAttr::AS_CXX11, "enzyme_function_like"},
    {ParsedAttr::AS_CXX11, "enzyme::function_like"}};

struct InactiveAttr : EnzymeFunctionAttr {
  InactiveAttr() : EnzymeFunctionAttr("enzyme_inactive", 0, InactiveSpellings) {}
};
struct FunctionLikeAttr : EnzymeFunctionAttr {
  FunctionLikeAttr() : EnzymeFunctionAttr("enzyme_function_like", 1, FunctionLikeSpellings) {}
};

} // namespace

static ParsedAttrInfoRegistry::Add<InactiveAttr>
    InactiveRegistration("enzyme_inactive", "a function that carries no derivative");
static ParsedAttrInfoRegistry::Add<FunctionLikeAttr>
    FunctionLikeRegistration("enzyme_function_like",
                             "a function that behaves like a named math function");
