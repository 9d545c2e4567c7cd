//===- Analysis/AccessTypes.h - the types memory is accessed as -*- C++ -*-===//
//
/// \file
/// What a function's loads and stores show of the memory a pointer may
/// reach: the scalar types it is read and written as. Reverse mode reads
/// the layout of a copy from it, and normalization the float type of an
/// integer constant stored there.
//
//===----------------------------------------------------------------------===//
#ifndef ADJOINT_ANALYSIS_ACCESSTYPES_H
#define ADJOINT_ANALYSIS_ACCESSTYPES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <utility>

namespace llvm {
class BasicBlock;
class LLVMContext;
class MDNode;
class CallBase;
class Type;
class Value;
} // namespace llvm

namespace adjoint {

/// Adds to \p Types the scalar types (element types of vectors) in which
/// the loads and stores of \p Blocks access the objects \p Ptr may point
/// to. Returns false when a call in \p Blocks that is given such memory may
/// access it in types not shown here: one that reads or writes memory,
/// other than a memory intrinsic or marker, for which \p SeenThrough (an
/// allocator, a free, a call known to carry no derivative) is false.
bool accessTypesOf(llvm::ArrayRef<llvm::BasicBlock *> Blocks, const llvm::Value *Ptr,
                   llvm::function_ref<bool(const llvm::CallBase &)> SeenThrough,
                   llvm::SmallSetVector<llvm::Type *, 4> &Types);

/// The scalar type a TBAA access tag (or, in !tbaa.struct, a field's tag)
/// names, when it names one Adjoint can tell: double, float, long double,
/// a pointer, or an integer type of \p Bytes bytes. Null for "omnipotent
/// char" (bytes, arrays, unions) and for struct accesses.
llvm::Type *scalarTypeOfTBAATag(const llvm::MDNode *Tag, uint64_t Bytes,
                                llvm::LLVMContext &Ctx);

/// The metadata kind Prepare puts on a load or store through a struct GEP:
/// !{ptr poison of the struct type}, kept after the GEP becomes bytes.
inline constexpr const char *StructAccessMetadata = "adjoint.struct";

/// The struct types the loads and stores of \p Blocks index the objects
/// \p Ptr may point to with: the base types of TBAA member-access tags
/// (clang at -O1 and up), and the source element types of struct GEPs
/// (StructAccessMetadata, or the GEP itself).
void accessedStructsOf(llvm::ArrayRef<llvm::BasicBlock *> Blocks, const llvm::Value *Ptr,
                       llvm::SmallSetVector<const llvm::MDNode *, 2> &TBAABases,
                       llvm::SmallSetVector<llvm::Type *, 2> &IRStructs);

/// The scalar fields (offset, type) of a TBAA struct type node, nested
/// structs flattened, and its size by the x86-64 C layout rules; nullopt
/// when a field's size is not known from its name (char arrays, enums).
std::optional<uint64_t>
layoutOfTBAAStructType(const llvm::MDNode *Node, llvm::LLVMContext &Ctx,
                       llvm::SmallVectorImpl<std::pair<uint64_t, llvm::Type *>> &Fields);

} // namespace adjoint

#endif
