#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The name under which the embedded default scenario (scenarios/norddjurs.yaml) is known, both
/// as an origin and as a value for `extends`.
inline constexpr std::string_view kBuiltinScenario = "builtin:norddjurs";

/// The text of scenarios/norddjurs.yaml as compiled into the library.
std::string_view builtin_scenario_text();

/// Loads a scenario file, resolves its `extends` chain, applies each `--set path=value` in order
/// and validates the result. An empty path (or kBuiltinScenario) loads the embedded default.
/// Throws Error with every validation problem found, each with file:line:col.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets = {});

/// As load_scenario(), from text in memory that is reported as `file`. A relative `extends` is
/// resolved against the folder of `file`.
Scenario parse_scenario(std::string_view text, const std::string& file,
                        const std::vector<std::string>& sets = {});

/// 12 hex digits of a 64-bit FNV-1a hash: identifies the resolved input in output stamps.
std::string short_hash(std::string_view text);

}  // namespace ungegaranti
