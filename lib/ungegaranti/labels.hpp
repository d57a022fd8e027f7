#pragma once

#include <string>
#include <string_view>

#include "ungegaranti/lang.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The human name of the input at `path` (a quantity's path, a --set path or a path of `diff`),
/// in `lang`, using the scenario's own names for initiatives, roles, tracks, bands, departments
/// and benefits:
///   initiatives.udvidet_vejledning.per_model.guld.participants ->
///     "Udvidet UU-vejledning for unge uden ungdomsuddannelse, guld: deltagere om året"
/// A path the field table does not know is put into words segment by segment, so no label is
/// ever a dotted path. Tables keep the path itself as the cell's key, for machines.
std::string input_label(const Scenario& scenario, std::string_view path, Lang lang);

/// A unit as a reader reads it: "DKK/year" -> "kr. om året" / "DKK a year". Text that is not one
/// of the known unit codes is the user's own words and is returned as written.
std::string unit_label(std::string_view unit, Lang lang);

/// The quantity's note in `lang`: `note_en` in English where the scenario gives one, else `note`.
std::string note_in(const Quantity& quantity, Lang lang);

/// "trekant", "PERT", ... / "triangular", "PERT", ...; empty for a quantity without a range.
std::string distribution_name(Distribution dist, Lang lang);

/// "uændret", "landstrend", "egen trend", "mod landsniveau" (the words of `project`).
std::string trend_name(Trend trend, Lang lang);

}  // namespace ungegaranti
