#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// One resolved value that differs between two scenarios. A part that only one side has (a key,
/// a list item) is one change at its own path; otherwise changes are single values.
struct ValueChange {
  std::string path;              // as --set writes it: keys, ids of id-list items, list indexes
  std::optional<std::string> a;  // the value in a (YAML text), or nullopt when a has none
  std::optional<std::string> b;
  bool operator==(const ValueChange&) const = default;
};

/// Every value that differs between two resolved trees, in the order of a, then what b adds.
std::vector<ValueChange> diff_values(const Tree& a, const Tree& b);

/// `a` with one change taken from `b`: the value at the change's path set as in b, or removed.
Tree apply_change(const Tree& a, const Tree& b, const ValueChange& change);

/// What a change is measured by: the period's net cost and the NEET share at the horizon.
struct Outcome {
  double net_cost = 0.0;
  std::optional<double> neet_share_pct;
};

/// What `diff` measures a resolved tree by: the tree read as a scenario (its messages under
/// `name`), the model's net cost over the period (compute_cost summed) and, when the scenario has a
/// projection, the model's NEET share at the horizon (project(), on the comparison data that
/// `cache` loads once per set of files). Throws Error when the tree is not a valid scenario or its
/// data cannot be used, as attribute() expects of its callback.
Outcome scenario_outcome(const Tree& tree, Tier tier, const std::string& name,
                         NeetDataCache& cache);

/// The contribution of one change when made alone, starting from a.
struct WaterfallLine {
  std::string path;
  std::optional<Outcome> delta;  // nullopt: the change alone does not give a valid scenario
};

/// Attributes b - a to the changes one at a time from a; the interaction line is what is left, so
/// start + lines + interaction = end exactly.
struct Waterfall {
  Tier tier = Tier::kSolv;
  Outcome start, end, interaction;
  std::vector<WaterfallLine> lines;
};

/// Builds the waterfall of `tier` for the changes from `a` to `b`. `outcome` evaluates a resolved
/// tree (it throws Error when the tree is not a valid scenario).
Waterfall attribute(const Tree& a, const Tree& b, const std::vector<ValueChange>& changes,
                    Tier tier, const std::function<Outcome(const Tree&, Tier)>& outcome);

}  // namespace ungegaranti
