#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// The name under which the embedded default scenario (scenarios/norddjurs.yaml) is known, both
/// as an origin and as a value for `extends`.
inline constexpr std::string_view kBuiltinScenario = "builtin:norddjurs";

/// The limits of one `extends` chain, on top of ParseLimits for each of its files: at most this
/// many files, and this many bytes and values (ParseLimits' nodes) in all. They bound the memory
/// of a chain by its input: 32 files of 4 MiB each would otherwise be 128 MiB of text and
/// 6.4 million values.
inline constexpr size_t kMaxChainFiles = 32;
inline constexpr size_t kMaxChainBytes = 8u << 20;
inline constexpr size_t kMaxChainValues = 400000;

/// The text of scenarios/norddjurs.yaml as compiled into the library.
std::string_view builtin_scenario_text();

/// A scenario file's name (as reported in messages) and text.
struct ScenarioSource {
  std::string name;
  std::string text;
};

/// Reads a scenario file (read_input_file(): a regular file of at most ParseLimits' size); an
/// empty path (or kBuiltinScenario) gives the embedded default. The CLI refuses an empty path
/// before it gets here.
ScenarioSource read_scenario_source(const std::string& path);

/// The resolved tree of a scenario: its `extends` chain merged below it and each `--set
/// path=value` applied in order. Not yet validated. A relative `extends` is resolved against the
/// folder of `file`.
Tree resolve_scenario(std::string_view text, const std::string& file,
                      const std::vector<std::string>& sets = {});

/// Validates a resolved tree into a Scenario. Throws Error with every problem found, each with
/// file:line:col.
Scenario read_resolved(const Tree& tree, const std::string& origin);

/// resolve_scenario() then read_resolved(), from text in memory reported as `file`.
Scenario parse_scenario(std::string_view text, const std::string& file,
                        const std::vector<std::string>& sets = {});

/// As parse_scenario(), for a file on disk or (empty path) the embedded default.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets = {});

/// 12 hex digits of a 64-bit FNV-1a hash of a tree's keys, scalars and structure (not its
/// locations or formatting): identifies the resolved input in output stamps.
std::string tree_hash(const Tree& tree);

/// The same kind of hash of bytes: identifies a data file's content in output stamps.
std::string text_hash(std::string_view bytes);
/// text_hash() of the pieces' bytes one after the other, without copying them into one string.
std::string text_hash(std::initializer_list<std::string_view> pieces);

}  // namespace ungegaranti
