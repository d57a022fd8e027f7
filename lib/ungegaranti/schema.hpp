#pragma once

#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// Reads a resolved tree (after `extends` and `--set`) into a Scenario, checking types, ranges,
/// units and references. Every problem found is appended to `problems`; the Scenario is only
/// meaningful when none were. See docs/scenario-reference.md for the format.
Scenario read_scenario(const Tree& root, std::vector<Diagnostic>& problems);

}  // namespace ungegaranti
