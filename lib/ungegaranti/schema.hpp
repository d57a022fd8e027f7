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

/// The closest of `candidates` to `word` when it is near enough to be a likely typo, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ungegaranti
