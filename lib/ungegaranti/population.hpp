#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// The shipped population totals: DST FOLK1AM, all ages, 1 January 2024, all 98 municipalities
/// (scenarios/data; docs/data.md).
inline constexpr std::string_view kBuiltinPopulation =
    "builtin:population_total_by_municipality_2024-01-01_FOLK1AM.csv";

struct MunicipalityPopulation {
  int code = 0;  // DST kommunekode
  std::string name;
  int total = 0;  // inhabitants, all ages
  bool operator==(const MunicipalityPopulation&) const = default;
};

/// The municipality list with its population, in the file's order (ascending kommunekode in the
/// shipped file).
struct PopulationData {
  std::vector<MunicipalityPopulation> municipalities;
  std::string vintage;  // "DST FOLK1AM, 1.1.2024"
  bool operator==(const PopulationData&) const = default;

  const MunicipalityPopulation* find(int code) const;
};

/// Reads a population file (columns kommunekode, kommune, population_total_2024-01-01, found by
/// name; the CSV rules of docs/data.md). Throws Error with file:line for a malformed row, a
/// duplicate kommunekode or a total outside 1-10,000,000.
PopulationData parse_population(std::string_view csv, const std::string& name);

/// The shipped file, parsed once.
const PopulationData& builtin_population();

/// "nearest: 101 København, 147 Frederiksberg": the one or two municipalities whose codes are
/// nearest to `code` (below and above), for the message about an unknown kommunekode.
std::string nearest_municipalities(int code, const PopulationData& data);

/// Whether two locations are the same source: the same file, or both on the command line
/// (`--set ...`).
bool same_source(const SourceLocation& a, const SourceLocation& b);

/// The `source` a derived head count gets starts with this (it is still an assumption: the
/// scenario's age share, carried over).
inline constexpr std::string_view kDerivedSource = "antagelse, afledt: ";

/// Where a layer of a scenario (a file that `extends` another, or the --set options) changes
/// municipality.code from `before` (the code node the layers below gave; nullptr: none), the
/// values written below it were written for the old code (docs/method.md#another-municipality).
/// Every such value that the layer does not give itself (not in the same source as the new code,
/// same_source()) is rewritten for the new code:
///   - the name becomes the new code's name in `data`,
///   - the old municipality's name in `title` is replaced with it,
///   - each population band's `count` (value, low, high) is scaled by total(new) / total(old),
///     and its source (kDerivedSource ...) and note say so.
/// The rewritten nodes keep their locations. Nothing happens when the code is unchanged, missing
/// or not in `data` (the schema reports those).
void localize_tree(Tree& root, const Tree* before, const PopulationData& data);

/// Scales every band count of `scenario` from municipality `from` to `scenario`'s code, as
/// localize_tree() does, and marks the scenario's population derived. Both must be in `data`.
void scale_population(Scenario& scenario, int from, const PopulationData& data);

/// The warning for a scenario whose participants and initiatives were written for another
/// municipality than the one it is run for; nullopt when they are the same.
std::optional<Message> municipality_warning(const Scenario& scenario);

}  // namespace ungegaranti
