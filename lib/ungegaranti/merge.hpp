#pragma once

#include <cstddef>
#include <string_view>

#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// Overlays `top` on `base`, as `extends` does: mappings merge key by key (top wins), lists whose
/// items are all mappings with an `id` merge item by item (a new id is appended), and anything
/// else in `top` replaces what `base` had.
void merge_into(Tree& base, const Tree& top);

/// The longest `--set path=value` (64 KiB): a value, not a scenario. Its value is also held to
/// ParseLimits.
inline constexpr size_t kMaxSetBytes = 64u << 10;

/// Applies one `--set path=value` to a resolved tree. Path segments are mapping keys, ids of items
/// in an id-list, or 0-based indexes of a plain list. The value is parsed as YAML. Every node it
/// adds is located at `--set path=value`, so that validation messages point back to it. Throws
/// Error for a malformed assignment, one longer than kMaxSetBytes, a path whose parent does not
/// exist, and a path of `extends` (the chain is resolved before --set applies).
void apply_set(Tree& root, std::string_view assignment);

}  // namespace ungegaranti
